import type { FieldIssue } from '../errors';
import type { Profile } from '../config/config-schema';
import type { PolicyStatement } from './policy-document';

// `{{name}}`, not `${name}`: the latter is IAM's own policy-variable syntax and must pass through untouched.
const PLACEHOLDER = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;
// Characters that could widen or escape a resource, whatever the profile's pattern says.
const FORBIDDEN_IN_VALUES = /[*?${}"\\\s]/;

export interface BuiltIns {
  partition: string;
  accountId: string;
}

/**
 * Fills a profile's `{{parameter}}` placeholders (and the built-ins `{{partition}}`, `{{accountId}}`) into its
 * statements. Each value must fully match the parameter's pattern; missing and unknown parameters are issues.
 */
export function renderProfileStatements(
  profile: Profile,
  parameters: Record<string, string>,
  builtIns: BuiltIns,
): { statements: PolicyStatement[] } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  // Own keys only: `toString` or `constructor` are not parameters just because every object inherits them.
  for (const key of Object.keys(parameters)) {
    if (!Object.hasOwn(profile.parameters, key))
      issues.push({ field: `parameters.${key}`, reason: 'is not a parameter of this profile' });
  }
  for (const [key, definition] of Object.entries(profile.parameters)) {
    const value = Object.hasOwn(parameters, key) ? parameters[key] : undefined;
    if (value === undefined)
      issues.push({ field: `parameters.${key}`, reason: `is required (${definition.description})` });
    else if (FORBIDDEN_IN_VALUES.test(value) || !new RegExp(`^(?:${definition.pattern})$`).test(value)) {
      issues.push({
        field: `parameters.${key}`,
        reason: `must match ${definition.pattern} (${definition.description})`,
      });
    }
  }
  if (issues.length > 0) return { issues };
  const values: Record<string, string> = {
    ...parameters,
    partition: builtIns.partition,
    accountId: builtIns.accountId,
  };
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (whole, key: string) => (Object.hasOwn(values, key) ? values[key]! : whole));
  const unresolved = new Set<string>();
  const statements = profile.statements.map((statement) => {
    const json = fill(JSON.stringify(statement));
    for (const [, key] of json.matchAll(PLACEHOLDER)) unresolved.add(key!);
    return JSON.parse(json) as PolicyStatement;
  });
  if (unresolved.size > 0) {
    return {
      issues: [...unresolved].map((key) => ({
        field: `statements`,
        reason: `uses {{${key}}}, which is not a declared parameter`,
      })),
    };
  }
  return { statements };
}
