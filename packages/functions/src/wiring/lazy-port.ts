/**
 * A port whose adapter is created on the first call of any of its methods (every port method is async).
 * A failed creation is not cached, so the next call tries again.
 */
export function lazyPort<T extends object>(create: () => Promise<T>): T {
  let instance: Promise<T> | undefined;
  const target = () => {
    instance ??= create().catch((error: unknown) => {
      instance = undefined;
      throw error;
    });
    return instance;
  };
  return new Proxy({} as T, {
    get: (_target, member) => {
      // Not a thenable: `await port` must not look for a `then` method.
      if (member === 'then') return undefined;
      return async (...args: unknown[]) => {
        const adapter = (await target()) as Record<PropertyKey, (...a: unknown[]) => unknown>;
        return adapter[member]!(...args);
      };
    },
  });
}

/** A port the function was not declared with: using it is a wiring bug, reported by name. */
export function unwiredPort<T extends object>(port: string, functionName: string): T {
  return new Proxy({} as T, {
    get: (_target, member) => {
      if (member === 'then') return undefined;
      throw new Error(
        `the ${port} port is not wired into ${functionName} (needed for ${String(member)}): declare the capability in catalog/function-catalog.ts`,
      );
    },
  });
}
