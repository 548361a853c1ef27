import type { z } from 'zod';
import { peopleIssues, reachableOn } from '../approval/people';
import { ConfigError, type FieldIssue } from '../errors';
import { durationSeconds } from '../requests/duration';
import type { IamActionCatalog } from '../policy/iam-action-catalog';
import { checkStatements } from '../policy/guardrails';
import { sensitivity } from '../policy/sensitive-actions';
import { renderProfileStatements } from '../policy/profile-statements';
import { type ApprovalRule, type BrokerConfig, brokerConfigSchema } from './config-schema';

/**
 * Validates a config object (parsed JSON) and every profile against the guardrails. Throws ConfigError naming
 * each offending field, so a broker never starts with a config it would have to second-guess later.
 */
export async function loadConfig(raw: unknown, catalog: IamActionCatalog): Promise<BrokerConfig> {
  const parsed = brokerConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error));
  const config = parsed.data;
  const issues = [...crossFieldIssues(config)];
  for (const [name, profile] of Object.entries(config.profiles)) {
    const samples = Object.fromEntries(Object.keys(profile.parameters).map((key) => [key, 'sample']));
    const rendered = renderProfileStatements(profile, samples, {
      partition: config.broker.partition,
      accountId: config.broker.homeAccountId,
    });
    if ('issues' in rendered) {
      issues.push(
        ...rendered.issues.map((issue) => ({ ...issue, field: `profiles.${name}.${issue.field}` })),
      );
      continue;
    }
    const checked = await checkStatements(rendered.statements, `profiles.${name}.statements`, {
      deniedServices: config.guardrails.deniedServices,
      catalog,
      partition: config.broker.partition,
      allowedSensitiveActions: profile.sensitiveActions,
    });
    issues.push(...checked.issues);
  }
  if (config.customPolicies) issues.push(...(await allowedActionIssues(config, catalog)));
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}

/** What the config allows custom policies beyond Read and List must still be an action the guardrails take. */
async function allowedActionIssues(config: BrokerConfig, catalog: IamActionCatalog): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [i, action] of (config.customPolicies?.allowedActions ?? []).entries()) {
    const field = `customPolicies.allowedActions[${i}]`;
    const [service = '', name = ''] = action.split(':');
    const info = await catalog.lookup(service, name);
    if (!info) issues.push({ field, reason: `${action} is not an IAM action AWS knows` });
    else if (config.guardrails.deniedServices.includes(service))
      issues.push({ field, reason: `the ${service} service is denied by the broker's guardrails` });
    else {
      const why = sensitivity(service, name, info.accessLevel);
      if (why)
        issues.push({
          field,
          reason: `${action} is refused: ${why}; no custom policy may hold it (only a profile's sensitiveActions)`,
        });
    }
  }
  return issues;
}

export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
    return { field: `${prefix}${path}`.replace(/^\./, '') || '(root)', reason: issue.message };
  });
}

function* crossFieldIssues(config: BrokerConfig): Generator<FieldIssue> {
  yield* peopleIssues(config);
  if (!config.oidc)
    for (const [group, { idpGroups }] of Object.entries(config.approverGroups))
      if (idpGroups.length > 0)
        yield {
          field: `approverGroups.${group}.idpGroups`,
          reason: 'needs oidc: only signed-in tokens carry groups',
        };
  const { limits } = config;
  const max = durationSeconds(limits.maxDuration);
  if (durationSeconds(limits.minDuration) > max)
    yield { field: 'limits.minDuration', reason: 'is longer than limits.maxDuration' };
  const session = durationSeconds(limits.maxSessionDuration);
  if (session < 3_600 || session > 43_200) {
    yield { field: 'limits.maxSessionDuration', reason: 'IAM accepts a MaxSessionDuration of 1 to 12 hours' };
  }
  const rules: [string, ApprovalRule][] = Object.entries(config.profiles).map(([name, profile]) => [
    `profiles.${name}.approval`,
    profile.approval,
  ]);
  if (config.customPolicies) rules.push(['customPolicies.approval', config.customPolicies.approval]);
  if (config.accessKeyVendors) rules.push(['accessKeyVendors.approval', config.accessKeyVendors.approval]);
  for (const [field, rule] of rules) {
    const group = config.approverGroups[rule.approverGroup];
    if (!group) {
      yield { field: `${field}.approverGroup`, reason: `names no group in approverGroups` };
      continue;
    }
    // Members of IdP groups are known only when they sign in: such a group cannot be counted here.
    if (group.idpGroups.length > 0 && rule.channels.includes('api')) continue;
    // Only people who can act on a channel the rule allows count: an API-only rule cannot count Slack users.
    const approvers = group.people.filter((person) =>
      rule.channels.some((channel) => reachableOn(config, person, channel)),
    ).length;
    if (rule.approvalsRequired > approvers) {
      yield {
        field: `${field}.approvalsRequired`,
        reason: `needs ${rule.approvalsRequired} approvers but ${rule.approverGroup} has ${approvers} ${approvers === 1 ? 'person' : 'people'} on ${rule.channels.join(' and ')}: it could never be approved`,
      };
    }
    if (rule.maxDuration && durationSeconds(rule.maxDuration) > max) {
      yield { field: `${field}.maxDuration`, reason: 'is longer than limits.maxDuration' };
    }
    if (
      rule.autoApproveUpTo &&
      durationSeconds(rule.autoApproveUpTo) > durationSeconds(rule.maxDuration ?? limits.maxDuration)
    ) {
      yield { field: `${field}.autoApproveUpTo`, reason: 'is longer than the maximum duration' };
    }
  }
}
