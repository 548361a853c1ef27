import type { FieldIssue } from '../errors';
import { namesBrokerResource } from './broker-resources';
import type { IamActionCatalog } from './iam-action-catalog';
import { asList, type CheckedStatement, type PolicyStatement } from './policy-document';
import { sensitivity } from './sensitive-actions';

export interface GuardrailOptions {
  deniedServices: readonly string[];
  catalog: IamActionCatalog;
  partition: string;
  /** Sensitive actions this policy may grant: a profile's explicit `sensitiveActions`; none for custom policies. */
  allowedSensitiveActions?: readonly string[];
  /**
   * Custom policies are allow-listed: only actions at IAM's Read and List access levels, and these. Absent for
   * profiles, which the config's author writes action by action.
   */
  allowList?: { actions: readonly string[] };
}

/** The access levels a custom policy may hold without the config naming the action. */
const ALLOWED_ACCESS_LEVELS = ['Read', 'List'] as const;

const ACTION_FORMAT = /^([A-Za-z0-9-]+):([A-Za-z0-9]+)$/;
const RESOURCE_ARN = /^arn:(aws|aws-cn|aws-us-gov):[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:.+$/;

/**
 * Checks the statements of a custom policy or profile against the broker's guardrails and returns every
 * violation, each naming the statement and the reason. An empty list means the statements may reach IAM.
 */
export async function checkStatements(
  statements: readonly PolicyStatement[],
  field: string,
  options: GuardrailOptions,
): Promise<{ issues: FieldIssue[]; statements: CheckedStatement[] }> {
  const issues: FieldIssue[] = [];
  const checked: CheckedStatement[] = [];
  for (const [index, statement] of statements.entries()) {
    const at = `${field}[${index}]`;
    const before = issues.length;
    for (const negated of ['NotAction', 'NotResource', 'Principal', 'NotPrincipal'] as const) {
      if (statement[negated] !== undefined)
        issues.push({ field: `${at}.${negated}`, reason: `${negated} is not allowed` });
    }
    const actions = asList(statement.Action);
    const resources = asList(statement.Resource);
    if (actions.length === 0) issues.push({ field: `${at}.Action`, reason: 'is required' });
    if (resources.length === 0) issues.push({ field: `${at}.Resource`, reason: 'is required' });
    const infos = await Promise.all(
      actions.map((action, i) => checkAction(action, `${at}.Action[${i}]`, options, issues)),
    );
    resources.forEach((resource, i) => checkResource(resource, `${at}.Resource[${i}]`, options, issues));
    if (statement.Effect === 'Allow' && resources.includes('*')) {
      actions.forEach((action, i) => {
        if (infos[i] && !infos[i].wildcardOnly) {
          issues.push({
            field: `${at}.Action[${i}]`,
            reason: `${action} supports resource-level permissions, so Resource "*" is not allowed; name the resources`,
          });
        }
      });
    }
    if (issues.length === before) {
      checked.push({
        ...(statement.Sid ? { Sid: statement.Sid } : {}),
        Effect: statement.Effect,
        Action: actions,
        Resource: resources,
        ...(statement.Condition ? { Condition: statement.Condition } : {}),
      });
    }
  }
  return { issues, statements: checked };
}

async function checkAction(action: string, field: string, options: GuardrailOptions, issues: FieldIssue[]) {
  if (action === '*') return void issues.push({ field, reason: 'the wildcard action "*" is not allowed' });
  if (action.includes('*') || action.includes('?')) {
    return void issues.push({ field, reason: `${action} uses a wildcard; list the actions explicitly` });
  }
  const match = ACTION_FORMAT.exec(action);
  if (!match) return void issues.push({ field, reason: `${action} is not of the form service:Action` });
  const service = match[1]!.toLowerCase();
  const name = match[2]!;
  if (options.deniedServices.includes(service)) {
    return void issues.push({ field, reason: `the ${service} service is denied by the broker's guardrails` });
  }
  const info = await options.catalog.lookup(service, name);
  if (!info) return void issues.push({ field, reason: `${action} is not an IAM action AWS knows` });
  const why = sensitivity(service, name, info.accessLevel);
  const allowed = (options.allowedSensitiveActions ?? []).some(
    (a) => a.toLowerCase() === action.toLowerCase(),
  );
  if (why && !allowed)
    return void issues.push({
      field,
      reason: `${action} is refused: ${why}; only a profile that lists it in sensitiveActions may grant it`,
    });
  if (options.allowList && !allowListed(action, info.accessLevel, options.allowList.actions))
    return void issues.push({
      field,
      reason: `${action} is at IAM's ${info.accessLevel ?? 'unknown'} access level: custom policies may hold Read and List actions, and only those others the config names in customPolicies.allowedActions`,
    });
  return info;
}

function allowListed(action: string, accessLevel: string | undefined, named: readonly string[]): boolean {
  const levels = (accessLevel ?? '').split(',').map((level) => level.trim());
  if (levels.every((level) => (ALLOWED_ACCESS_LEVELS as readonly string[]).includes(level))) return true;
  return named.some((allowed) => allowed.toLowerCase() === action.toLowerCase());
}

function checkResource(resource: string, field: string, options: GuardrailOptions, issues: FieldIssue[]) {
  if (resource === '*') return;
  if (/[^\x21-\x7E]/.test(resource)) issues.push({ field, reason: 'must be plain ASCII without spaces' });
  else if (!RESOURCE_ARN.test(resource)) issues.push({ field, reason: `${resource} is not an ARN (or "*")` });
  else if (/^arn:[^:]+:[^:]+:[^:]*:[^:]*:\*$/.test(resource)) {
    issues.push({ field, reason: `${resource} matches every resource of the service; name the resources` });
  } else if (!wildcardsOnlyInTail(resource)) {
    issues.push({
      field,
      reason: `${resource} has a wildcard before its resource is named; wildcards may only follow a named resource (bucket/*)`,
    });
  } else if (namesBrokerResource(resource, options.partition)) {
    issues.push({
      field,
      reason: `${resource} is one of the broker's own resources, which no grant may touch`,
    });
  }
}

/**
 * Wildcards only in the resource id's tail: the partition, service, region and account are literal, and the
 * resource is named before any `*` or `?` — the bucket for S3 (`bucket/*`), the type and the name elsewhere
 * (`table/orders/index/*`). So `arn:aws:s3:::*\/*`, `arn:aws:s3:::?*` and `…:function:*` are refused.
 */
function wildcardsOnlyInTail(resource: string): boolean {
  const [, , service = '', region = '', account = '', ...rest] = resource.split(':');
  if (/[*?]/.test(`${service}:${region}:${account}`)) return false;
  const segments = rest.join(':').split(/[/:]/).filter(Boolean);
  const firstWildcard = segments.findIndex((segment) => /[*?]/.test(segment));
  if (firstWildcard === -1) return true;
  // S3 ARNs have no resource type: the bucket is the first segment. Elsewhere, the type and then the name.
  return firstWildcard >= (service === 's3' ? 1 : 2);
}
