import type { ApprovalRule, BrokerConfig } from '../config/config-schema';
import { zodIssues } from '../config/load-config';
import { type FieldIssue, ValidationError } from '../errors';
import { checkStatements } from '../policy/guardrails';
import type { IamActionCatalog } from '../policy/iam-action-catalog';
import { buildPermissionPolicy } from '../policy/permission-policy';
import { type CheckedStatement, policyDocumentSchema } from '../policy/policy-document';
import { renderProfileStatements } from '../policy/profile-statements';
import { buildTrustPolicy } from '../policy/trust-policy';
import { accessRequestBodySchema } from './access-request-schema';
import { beyondTheSchema, wellFormedPart } from './every-issue';
import { durationSeconds, parseDurationSeconds } from './duration';
import { generateExternalId, type StrengthEstimator, validateSuppliedExternalId } from './external-id';
import { type Partition, parsePrincipal } from './principal';
import type { Vendor } from '../vendors/vendor';
import type { GrantRecord } from './request-record';
import { keyUserArn } from '../grants/key-user';

/**
 * A request that passed every check: nothing in it can surprise IAM. Its fields are the record's (see
 * request-record.ts for what each means), plus the approval rule that decides it.
 */
export type ValidatedRequest = Pick<
  GrantRecord,
  | 'principal'
  | 'targetAccountId'
  | 'targetAccountIds'
  | 'profile'
  | 'parameters'
  | 'statements'
  | 'managedPolicyArns'
  | 'durationSeconds'
  | 'justification'
  | 'ticket'
  | 'externalId'
  | 'externalIdSource'
  | 'vendor'
  | 'credentials'
  | 'startAt'
> & {
  /** As the body named it: the person is resolved when the record is made (create-request.ts). */
  requester: { id: string; slackUserId?: string };
  approvalRule: ApprovalRule;
};

export interface ValidationContext {
  config: BrokerConfig;
  catalog: IamActionCatalog;
  strength: StrengthEstimator;
  now: Date;
  /** The vendor the body names, as the registry holds it (undefined: the body names none, or none is registered). */
  vendor?: Vendor;
}

/**
 * Validates a request body against the schema, the config and the guardrails. Collects every issue it can
 * before throwing one ValidationError, so a client fixes its request in one round trip.
 */
export async function validateAccessRequest(
  body: unknown,
  context: ValidationContext,
): Promise<ValidatedRequest> {
  const { config, catalog, strength, now, vendor } = context;
  const poisoned = prototypeKey(body, '');
  if (poisoned) throw ValidationError.of(poisoned, 'is not a name the broker accepts');
  const parsed = accessRequestBodySchema.safeParse(body);
  if (!parsed.success) throw await everyIssue(body, zodIssues(parsed.error), context);
  const issues: FieldIssue[] = [];
  const keyVendor = vendor?.credentials === 'access-key' && parsed.data.vendor === vendor.id;
  const accounts = checkTargetAccounts(parsed.data, config, issues);
  const targetAccountId = accounts[0]!;
  const input = {
    ...parsed.data,
    principal: keyVendor
      ? keyVendorPrincipal(parsed.data, accounts, config, issues)
      : principalFor(parsed.data, vendor, config.broker.partition, issues),
  };

  const principalResult = checkPrincipal(input.principal, config, issues);

  const access = await resolveAccess(input, config, catalog, targetAccountId, issues);
  if (accounts.length > 1) checkOneProfileForAll(input.profile, config, issues);
  const rule = keyVendor ? config.accessKeyVendors?.approval : access?.rule;
  const duration = checkDuration(input.duration, config, rule, issues);
  if (rule?.requireTicket && !input.ticket)
    issues.push({ field: 'ticket', reason: `is required for this ${input.profile ? 'profile' : 'policy'}` });
  const startAt = checkStartAt(input.startAt, now, config, issues);

  const externalIdIssue = await checkSuppliedExternalId(input, principalResult, accounts, strength);
  if (externalIdIssue) issues.push(externalIdIssue);
  if (issues.length > 0 || !access || !rule || duration === undefined || 'issue' in principalResult)
    throw new ValidationError(issues);

  const externalId = input.externalId ?? vendor?.externalId ?? generateExternalId();
  // Build both documents once with the latest possible expiry, so a size problem surfaces now, not in IAM.
  const latestExpiry = new Date(
    now.getTime() + durationSeconds(config.limits.maxStartDelay) * 1000 + duration * 1000,
  );
  buildTrustPolicy({ principalArn: principalResult.principal.arn, externalId, expiresAt: latestExpiry });
  buildPermissionPolicy(access.statements, latestExpiry);

  return {
    principal: principalResult.principal,
    targetAccountId,
    ...(accounts.length > 1 ? { targetAccountIds: accounts } : {}),
    ...(input.profile ? { profile: input.profile, parameters: input.parameters ?? {} } : {}),
    statements: access.statements,
    managedPolicyArns: access.managedPolicyArns,
    durationSeconds: duration,
    justification: input.justification,
    requester: input.requester,
    ...(input.ticket ? { ticket: input.ticket } : {}),
    externalId,
    externalIdSource:
      input.externalId !== undefined ? 'supplied' : vendor?.externalId !== undefined ? 'vendor' : 'generated',
    ...(vendor ? { vendor: { id: vendor.id, displayName: vendor.displayName } } : {}),
    ...(keyVendor ? { credentials: 'access-key' as const } : {}),
    ...(startAt ? { startAt } : {}),
    approvalRule: rule,
  };
}

/** The schema's issues, and those the rest of the checks find in the well-formed fields (every-issue.ts). */
async function everyIssue(
  body: unknown,
  schemaIssues: FieldIssue[],
  context: ValidationContext,
): Promise<ValidationError> {
  const part = wellFormedPart(body, schemaIssues, context.config.limits.minDuration);
  // The stand-ins make a well-formed body; should they not, the schema's issues are all there is to say.
  if (!part || !accessRequestBodySchema.safeParse(part.body).success)
    return new ValidationError(schemaIssues);
  try {
    await validateAccessRequest(part.body, context);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return new ValidationError([...schemaIssues, ...beyondTheSchema(error.issues, part.reported)]);
  }
  return new ValidationError(schemaIssues);
}

type PrincipalResult = ReturnType<typeof parsePrincipal>;

function checkPrincipal(principal: string, config: BrokerConfig, issues: FieldIssue[]): PrincipalResult {
  const result = parsePrincipal(principal, config.broker.partition);
  // An empty principal was already reported (missing, or its vendor unknown): once is enough.
  if ('issue' in result) {
    if (principal !== '') issues.push(result.issue);
  }
  // IAM refuses a principal from another partition in a trust policy: say so now, not after approval.
  else if (result.principal.partition !== config.broker.partition)
    issues.push({
      field: 'principal',
      reason: `is in the ${result.principal.partition} partition; this broker grants access in ${config.broker.partition}`,
    });
  return result;
}

/** An organization-wide request uses one policy in every account: a profile that names the account cannot. */
function checkOneProfileForAll(profile: string | undefined, config: BrokerConfig, issues: FieldIssue[]) {
  if (profile && JSON.stringify(config.profiles[profile] ?? {}).includes('{{accountId}}'))
    issues.push({
      field: 'targetAccountIds',
      reason: `profile ${profile} names {{accountId}} in its resources: request each account on its own`,
    });
}

/** The account (or, organization-wide, the accounts) the role is made in: each one the broker reaches. */
function checkTargetAccounts(
  input: { targetAccountId?: string | undefined; targetAccountIds?: string[] | undefined },
  config: BrokerConfig,
  issues: FieldIssue[],
): string[] {
  if (input.targetAccountId !== undefined && input.targetAccountIds !== undefined)
    issues.push({ field: 'targetAccountIds', reason: 'give targetAccountId or targetAccountIds, not both' });
  const several = input.targetAccountIds !== undefined;
  const accounts = input.targetAccountIds ?? [input.targetAccountId ?? config.broker.homeAccountId];
  accounts.forEach((accountId, i) => {
    if (accountId !== config.broker.homeAccountId && !Object.hasOwn(config.targetAccounts, accountId))
      issues.push({
        field: several ? `targetAccountIds[${i}]` : 'targetAccountId',
        reason: 'is not an account this broker provisions into',
      });
  });
  return accounts;
}

/**
 * A supplied External ID must be absent with a vendor (the registry holds the vendor's), and must not be
 * guessable, least of all from what the request itself says (principal, accounts, requester, ticket, profile).
 */
async function checkSuppliedExternalId(
  input: {
    externalId?: string | undefined;
    vendor?: string | undefined;
    principal: string;
    requester: { id: string };
    ticket?: { key: string } | undefined;
    profile?: string | undefined;
  },
  principalResult: PrincipalResult,
  accounts: readonly string[],
  strength: StrengthEstimator,
): Promise<FieldIssue | undefined> {
  if (input.externalId === undefined) return undefined;
  if (input.vendor !== undefined)
    return { field: 'externalId', reason: "must be absent with a vendor: the registry holds the vendor's" };
  const knownValues = [
    input.principal,
    ...accounts,
    input.requester.id,
    input.ticket?.key ?? '',
    input.profile ?? '',
  ];
  if ('principal' in principalResult)
    knownValues.push(
      principalResult.principal.accountId,
      principalResult.principal.arn.split('/').pop() ?? '',
    );
  return validateSuppliedExternalId(input.externalId, { knownValues, strength });
}

/**
 * An access-key vendor's principal is the user the broker will make (its name follows the request id, given
 * later): here a stand-in of the same shape, so the trust policy's size is checked now. One account only.
 */
function keyVendorPrincipal(
  input: { principal?: string | undefined },
  accounts: readonly string[],
  config: BrokerConfig,
  issues: FieldIssue[],
): string {
  if (!config.accessKeyVendors)
    issues.push({
      field: 'vendor',
      reason: 'is an access-key vendor, and they are off in this broker (config accessKeyVendors)',
    });
  if (input.principal !== undefined)
    issues.push({
      field: 'principal',
      reason: 'must be absent: an access-key vendor connects as the user the broker makes',
    });
  if (accounts.length > 1)
    issues.push({
      field: 'targetAccountIds',
      reason: 'an access-key vendor is granted one account per request',
    });
  return keyUserArn(config.broker.partition, accounts[0]!, KEY_USER_STAND_IN);
}

/** As long as any request id: the stand-in's ARN is as long as the real one. */
const KEY_USER_STAND_IN = '0'.repeat(26);

/** The principal a request names, or its vendor's: with a vendor, only one of the vendor's principals. */
function principalFor(
  input: { principal?: string; vendor?: string },
  vendor: Vendor | undefined,
  partition: Partition,
  issues: FieldIssue[],
): string {
  // The schema makes sure one of them is there.
  if (input.vendor === undefined) return input.principal!;
  if (!vendor || vendor.id !== input.vendor) {
    issues.push({ field: 'vendor', reason: 'names no registered vendor' });
    return input.principal ?? '';
  }
  if (vendor.suspension)
    issues.push({ field: 'vendor', reason: 'is suspended: no new access until an admin resumes it' });
  if (input.principal === undefined) return vendor.principals[0]!;
  const named = parsePrincipal(input.principal, partition);
  if (!('principal' in named) || !vendor.principals.includes(named.principal.arn))
    issues.push({ field: 'principal', reason: `is not one of ${vendor.id}'s registered principals` });
  return input.principal;
}

async function resolveAccess(
  input: { profile?: string; parameters?: Record<string, string>; policy?: unknown },
  config: BrokerConfig,
  catalog: IamActionCatalog,
  accountId: string,
  issues: FieldIssue[],
): Promise<{ statements: CheckedStatement[]; managedPolicyArns: string[]; rule: ApprovalRule } | undefined> {
  const guardrails = {
    deniedServices: config.guardrails.deniedServices,
    catalog,
    partition: config.broker.partition,
  };
  if ((input.profile === undefined) === (input.policy === undefined)) {
    issues.push({ field: 'profile', reason: 'give exactly one of profile or policy' });
    return undefined;
  }
  if (input.profile !== undefined) {
    const profile = Object.hasOwn(config.profiles, input.profile)
      ? config.profiles[input.profile]
      : undefined;
    if (!profile) {
      issues.push({
        field: 'profile',
        reason: `is not a configured profile (${Object.keys(config.profiles).join(', ')})`,
      });
      return undefined;
    }
    const rendered = renderProfileStatements(profile, input.parameters ?? {}, {
      partition: config.broker.partition,
      accountId,
    });
    if ('issues' in rendered) return void issues.push(...rendered.issues);
    const checked = await checkStatements(rendered.statements, 'profile.statements', {
      ...guardrails,
      allowedSensitiveActions: profile.sensitiveActions,
    });
    if (checked.issues.length > 0) return void issues.push(...checked.issues);
    return {
      statements: checked.statements,
      managedPolicyArns: profile.managedPolicyArns,
      rule: profile.approval,
    };
  }
  if (input.parameters !== undefined) issues.push({ field: 'parameters', reason: 'only apply to a profile' });
  if (!config.customPolicies)
    return void issues.push({ field: 'policy', reason: 'custom policies are disabled by the broker config' });
  const document = policyDocumentSchema.safeParse(input.policy);
  if (!document.success) return void issues.push(...zodIssues(document.error, 'policy'));
  const checked = await checkStatements(document.data.Statement, 'policy.Statement', {
    ...guardrails,
    allowList: { actions: config.customPolicies.allowedActions },
  });
  if (checked.issues.length > 0) return void issues.push(...checked.issues);
  return { statements: checked.statements, managedPolicyArns: [], rule: config.customPolicies.approval };
}

function checkDuration(
  value: string,
  config: BrokerConfig,
  rule: ApprovalRule | undefined,
  issues: FieldIssue[],
): number | undefined {
  const seconds = parseDurationSeconds(value);
  if (typeof seconds !== 'number') return void issues.push({ field: 'duration', reason: seconds.reason });
  const min = config.limits.minDuration;
  const max = rule?.maxDuration ?? config.limits.maxDuration;
  if (seconds < durationSeconds(min))
    return void issues.push({ field: 'duration', reason: `must be at least ${min}` });
  if (seconds > durationSeconds(max))
    return void issues.push({ field: 'duration', reason: `must be at most ${max}` });
  return seconds;
}

function checkStartAt(
  value: string | undefined,
  now: Date,
  config: BrokerConfig,
  issues: FieldIssue[],
): string | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (at.getTime() < now.getTime()) return void issues.push({ field: 'startAt', reason: 'is in the past' });
  if (at.getTime() > now.getTime() + durationSeconds(config.limits.maxStartDelay) * 1000) {
    return void issues.push({
      field: 'startAt',
      reason: `is further ahead than ${config.limits.maxStartDelay}`,
    });
  }
  return at.toISOString();
}

/**
 * The path of an own `__proto__` key anywhere in the body (JSON.parse creates them; schema parsers drop them
 * silently), so a poisoned body is refused by name rather than half-read.
 */
function prototypeKey(value: unknown, path: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (key === '__proto__') return field;
    const inner = prototypeKey((value as Record<string, unknown>)[key], field);
    if (inner) return inner;
  }
  return undefined;
}
