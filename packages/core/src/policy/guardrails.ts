import type { FieldIssue } from '../errors';
import type { IamActionCatalog } from './iam-action-catalog';
import { asList, type CheckedStatement, type PolicyStatement } from './policy-document';

export interface GuardrailOptions {
  deniedServices: readonly string[];
  catalog: IamActionCatalog;
}

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
    resources.forEach((resource, i) => checkResource(resource, `${at}.Resource[${i}]`, issues));
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
  return info;
}

function checkResource(resource: string, field: string, issues: FieldIssue[]) {
  if (resource === '*') return;
  if (/[^\x21-\x7E]/.test(resource)) issues.push({ field, reason: 'must be plain ASCII without spaces' });
  else if (!RESOURCE_ARN.test(resource)) issues.push({ field, reason: `${resource} is not an ARN (or "*")` });
  else if (/^arn:[^:]+:[^:]+:[^:]*:[^:]*:\*$/.test(resource)) {
    issues.push({ field, reason: `${resource} matches every resource of the service; name the resources` });
  }
}
