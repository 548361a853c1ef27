import { ENV, type EnvKey, environmentKeys } from '../catalog/capabilities';
import type { FunctionDeclaration } from '../catalog/function-catalog';

export type FunctionEnv = Partial<Record<EnvKey, string>>;

class MissingEnvironmentError extends Error {
  constructor(readonly names: string[]) {
    super(`missing environment: ${names.join(', ')}`);
    this.name = 'MissingEnvironmentError';
  }
}

/**
 * Reads, once at cold start, exactly the variables the function's declaration gives it (the stack derives
 * them from the same declaration); anything missing stops the function.
 */
export function readFunctionEnv(
  declaration: Pick<FunctionDeclaration, 'uses'>,
  env: NodeJS.ProcessEnv = process.env,
): FunctionEnv {
  const keys = environmentKeys(declaration);
  const missing = keys.filter((key) => !env[ENV[key]]).map((key) => ENV[key]);
  if (missing.length > 0) throw new MissingEnvironmentError(missing);
  return Object.fromEntries(keys.map((key) => [key, env[ENV[key]]]));
}

/** A variable the wiring needs; the declaration guarantees it was read, so absence is a wiring bug. */
export function required(env: FunctionEnv, key: EnvKey): string {
  const value = env[key];
  if (!value) throw new MissingEnvironmentError([ENV[key]]);
  return value;
}
