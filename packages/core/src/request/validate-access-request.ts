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
import { durationSeconds, parseDurationSeconds } from './duration';
import { generateExternalId, validateSuppliedExternalId } from './external-id';
import { parsePrincipal, type Principal } from './principal';

/** A request that passed every check: nothing in it can surprise IAM. */
export interface ValidatedRequest {
  principal: Principal;
  targetAccountId: string;
  profile?: string;
  parameters?: Record<string, string>;
  statements: CheckedStatement[];
  managedPolicyArns: string[];
  durationSeconds: number;
  justification: string;
  requester: { id: string; slackUserId?: string };
  ticket?: { system: string; key: string; url?: string };
  externalId: string;
  externalIdSource: 'supplied' | 'generated';
  startAt?: string;
  approvalRule: ApprovalRule;
}

export interface ValidationContext {
  config: BrokerConfig;
  catalog: IamActionCatalog;
  now: Date;
}

/**
 * Validates a request body against the schema, the config and the guardrails. Collects every issue it can
 * before throwing one ValidationError, so a client fixes its request in one round trip.
 */
export async function validateAccessRequest(
  body: unknown,
  { config, catalog, now }: ValidationContext,
): Promise<ValidatedRequest> {
  const poisoned = prototypeKey(body, '');
  if (poisoned) throw ValidationError.of(poisoned, 'is not a name the broker accepts');
  const parsed = accessRequestBodySchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error));
  const input = parsed.data;
  const issues: FieldIssue[] = [];

  const principalResult = parsePrincipal(input.principal, config.broker.partition);
  if ('issue' in principalResult) issues.push(principalResult.issue);
  // IAM refuses a principal from another partition in a trust policy: say so now, not after approval.
  else if (principalResult.principal.partition !== config.broker.partition)
    issues.push({
      field: 'principal',
      reason: `is in the ${principalResult.principal.partition} partition; this broker grants access in ${config.broker.partition}`,
    });
  const targetAccountId = input.targetAccountId ?? config.broker.homeAccountId;
  if (
    targetAccountId !== config.broker.homeAccountId &&
    !Object.hasOwn(config.targetAccounts, targetAccountId)
  ) {
    issues.push({ field: 'targetAccountId', reason: 'is not an account this broker provisions into' });
  }

  const access = await resolveAccess(input, config, catalog, targetAccountId, issues);
  const rule = access?.rule;
  const duration = checkDuration(input.duration, config, rule, issues);
  if (rule?.requireTicket && !input.ticket)
    issues.push({ field: 'ticket', reason: `is required for this ${input.profile ? 'profile' : 'policy'}` });
  const startAt = checkStartAt(input.startAt, now, config, issues);

  let externalId = input.externalId;
  if (externalId !== undefined) {
    const knownValues = [
      input.principal,
      targetAccountId,
      input.requester.id,
      input.ticket?.key ?? '',
      input.profile ?? '',
    ];
    if (principalResult && 'principal' in principalResult) {
      knownValues.push(
        principalResult.principal.accountId,
        principalResult.principal.arn.split('/').pop() ?? '',
      );
    }
    const issue = validateSuppliedExternalId(externalId, { knownValues });
    if (issue) issues.push(issue);
  }
  if (issues.length > 0 || !access || !rule || duration === undefined || 'issue' in principalResult)
    throw new ValidationError(issues);

  externalId ??= generateExternalId();
  // Build both documents once with the latest possible expiry, so a size problem surfaces now, not in IAM.
  const latestExpiry = new Date(
    now.getTime() + durationSeconds(config.limits.maxStartDelay) * 1000 + duration * 1000,
  );
  buildTrustPolicy({ principalArn: principalResult.principal.arn, externalId, expiresAt: latestExpiry });
  buildPermissionPolicy(access.statements, latestExpiry);

  return {
    principal: principalResult.principal,
    targetAccountId,
    ...(input.profile ? { profile: input.profile, parameters: input.parameters ?? {} } : {}),
    statements: access.statements,
    managedPolicyArns: access.managedPolicyArns,
    durationSeconds: duration,
    justification: input.justification,
    requester: input.requester,
    ...(input.ticket ? { ticket: input.ticket } : {}),
    externalId,
    externalIdSource: input.externalId === undefined ? 'generated' : 'supplied',
    ...(startAt ? { startAt } : {}),
    approvalRule: rule,
  };
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
  const checked = await checkStatements(document.data.Statement, 'policy.Statement', guardrails);
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
