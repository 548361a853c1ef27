/**
 * EventBridge's event-pattern matching, for the operators the broker's rules use: exact values, `prefix`,
 * `wildcard` and `exists`, nested through objects, any-of within a list, all-of across keys, and `$or` (any of
 * several sub-patterns, at the level where it appears). The local
 * runtime routes events with the very patterns the stack deploys, so a pattern that would not match in AWS
 * does not match here either. Anything it does not model refuses to match (a rule never fires by accident).
 */
export function matchesPattern(pattern: Record<string, unknown>, event: unknown): boolean {
  if (!isObject(event)) return false;
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or')
      return (
        Array.isArray(expected) &&
        expected.some((alternative) => isObject(alternative) && matchesPattern(alternative, event))
      );
    const present = Object.hasOwn(event, key);
    const value = present ? event[key] : undefined;
    if (Array.isArray(expected)) return expected.some((rule) => matchesRule(rule, present, value));
    return isObject(expected) && present && matchesPattern(expected, value);
  });
}

function matchesRule(rule: unknown, present: boolean, value: unknown): boolean {
  if (isObject(rule)) {
    if ('exists' in rule) return rule.exists === present;
    if (!present) return false;
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (typeof rule.prefix === 'string') return values.some((v) => v.startsWith(rule.prefix as string));
    if (typeof rule.wildcard === 'string')
      return values.some((v) => wildcard(rule.wildcard as string).test(v));
    return false;
  }
  if (!present) return false;
  return (Array.isArray(value) ? value : [value]).some((v) => v === rule);
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 's');
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
