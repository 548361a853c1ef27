// Who, outside the company, a role's trust policy lets assume it. Read as an attacker would write it: every
// spelling IAM accepts for "anyone" or "another account" counts, and whatever cannot be read is reported as
// outside (when in doubt, the inventory shows it).

/** What counts as inside: the broker's accounts, and the organization when the trust requires it. */
export interface Inside {
  accounts: ReadonlySet<string>;
  organizationId?: string;
}

export interface ExternalPrincipal {
  /** As the policy names it: an ARN, an account id, `*`, or an id IAM left for a principal since deleted. */
  principal: string;
  /** The principal's account, when the policy says it (absent for `*` and unresolvable ids). */
  accountId?: string;
  /** The statement requires an exact `sts:ExternalId` (StringEquals, no wildcard). */
  externalIdRequired: boolean;
}

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: unknown;
}

const ASSUME_ROLE = 'sts:assumerole';

/** The outside principals a trust policy (its JSON) allows to call sts:AssumeRole; unreadable → `*`. */
export function externalPrincipals(trustPolicy: string, inside: Inside): ExternalPrincipal[] {
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(trustPolicy) as { Statement?: unknown };
  } catch {
    return [{ principal: '*', externalIdRequired: false }];
  }
  const statements = [policy.Statement ?? []].flat() as Statement[];
  return statements.flatMap((statement) => {
    if (String(statement.Effect) !== 'Allow' || !allowsAssumeRole(statement)) return [];
    const conditions = normalizedConditions(statement.Condition);
    if (limitedToInside(conditions, inside)) return [];
    const externalIdRequired = requiresExternalId(conditions);
    // Allow with NotPrincipal: everyone but the listed ones.
    const principals = statement.NotPrincipal !== undefined ? ['*'] : awsPrincipals(statement.Principal);
    return principals.flatMap((principal) => {
      const accountId = accountOf(principal);
      if (accountId && inside.accounts.has(accountId)) return [];
      return [{ principal, ...(accountId ? { accountId } : {}), externalIdRequired }];
    });
  });
}

function allowsAssumeRole(statement: Statement): boolean {
  // NotAction: everything but the listed actions, so sts:AssumeRole unless it is listed.
  if (statement.NotAction !== undefined)
    return !strings(statement.NotAction).some((action) => matches(action, ASSUME_ROLE));
  return strings(statement.Action).some((action) => matches(action, ASSUME_ROLE));
}

/** IAM action patterns are case-insensitive with `*` and `?` wildcards. */
function matches(pattern: string, action: string): boolean {
  const regex = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(action);
}

/** The AWS principals of a Principal element: `"*"` is everyone; Service and Federated are not accounts. */
function awsPrincipals(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (typeof principal !== 'object' || principal === null) return [];
  const aws = (principal as Record<string, unknown>).AWS;
  return aws === undefined ? [] : strings(aws);
}

/** The account of `123456789012`, `arn:…:iam::123456789012:…`, `arn:…:sts::123456789012:…`. */
function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

type Conditions = Map<string, { operator: string; values: string[] }[]>;

/** Condition keys are case-insensitive; operators are kept as written (StringEquals, ForAnyValue:…). */
function normalizedConditions(condition: unknown): Conditions {
  const found: Conditions = new Map();
  if (typeof condition !== 'object' || condition === null) return found;
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof block !== 'object' || block === null) continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      const name = key.toLowerCase();
      found.set(name, [...(found.get(name) ?? []), { operator, values: strings(value) }]);
    }
  }
  return found;
}

/** An exact match on the caller's organization or account that only inside values satisfy. */
function limitedToInside(conditions: Conditions, inside: Inside): boolean {
  const exact = (key: string, allowed: (value: string) => boolean) =>
    (conditions.get(key) ?? []).some(
      ({ operator, values }) =>
        operator === 'StringEquals' && values.length > 0 && values.every((value) => allowed(value)),
    );
  return (
    (inside.organizationId !== undefined &&
      exact('aws:principalorgid', (value) => value === inside.organizationId)) ||
    exact('aws:principalaccount', (value) => inside.accounts.has(value))
  );
}

function requiresExternalId(conditions: Conditions): boolean {
  return (conditions.get('sts:externalid') ?? []).some(
    ({ operator, values }) =>
      operator === 'StringEquals' && values.length > 0 && values.every((value) => !/[*?]/.test(value)),
  );
}

function strings(value: unknown): string[] {
  return [value].flat().filter((item): item is string => typeof item === 'string');
}
