import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const EXAMPLE = 'config/production.example.json';
/** Account ids that only ever appear in documentation and local runs. */
const PLACEHOLDER_ACCOUNTS = ['123456789012', '000000000000'];

export interface DeployProblem {
  field: string;
  reason: string;
}

/**
 * What stops a config from being deployed: the shipped example itself, or any value still a placeholder
 * (a documentation account id, `replace-with-…`, an example token hash, or any value the example holds where a
 * deployment must put its own: people and their identities, accounts, the identity provider, the Slack
 * channel, the security contact). Each problem names the field to change, so the first deploy fails before
 * CloudFormation does anything.
 */
export function deployProblems(raw: unknown, path: string): DeployProblem[] {
  const problems: DeployProblem[] = [];
  if (basename(path) === basename(EXAMPLE))
    problems.push({
      field: '(file)',
      reason: `${path} is the example: copy it to config/production.json (git-ignored) and fill it in, or set BROKER_CONFIG`,
    });
  problems.push(...settingProblems(raw));
  const exampleValues = exampleIdentities();
  walk(raw, '', (field, value) => {
    for (const account of PLACEHOLDER_ACCOUNTS)
      if (new RegExp(`(^|\\D)${account}(\\D|$)`).test(value))
        problems.push({
          field,
          reason: `holds the documentation account id ${account}: use your own account`,
        });
    if (value.includes('replace-with-'))
      problems.push({ field, reason: `is still a placeholder (${value})` });
    if (/^(.)\1{63}$/.test(value))
      problems.push({ field, reason: 'is an example token hash: put the SHA-256 of a real token' });
    else if (exampleValues.has(value))
      problems.push({ field, reason: `is the example's ${value}: use your own` });
  });
  return problems;
}

/** Settings a deployment must have, or must not. */
function settingProblems(raw: unknown): DeployProblem[] {
  const config = raw as {
    oidc?: { issuer?: unknown };
    egress?: { allowLoopback?: unknown };
    security?: { contact?: unknown[] };
  };
  const problems: DeployProblem[] = [];
  if (typeof config.oidc?.issuer === 'string' && !config.oidc.issuer.startsWith('https://'))
    problems.push({
      field: 'oidc.issuer',
      reason: `must be https to deploy: API Gateway's JWT authorizer fetches its discovery document (got ${config.oidc.issuer})`,
    });
  if (config.egress?.allowLoopback === true)
    problems.push({
      field: 'egress.allowLoopback',
      reason: 'is for the local broker: deployed, the broker sends only to public https hosts',
    });
  if (!config.security?.contact?.length)
    problems.push({
      field: 'security.contact',
      reason:
        'is required to deploy: where people report a vulnerability in this deployment (served as /.well-known/security.txt)',
    });
  return problems;
}

/**
 * The example's values a deployment may keep: settings and policy, names it may well share (an approver group
 * called `security`, a client called `jira-automation`). Every other value of the example names someone or
 * something of the example's (people, their Slack ids, emails and subjects, accounts, the identity provider and
 * its clients, the Slack channel, the security contact): copied unchanged, it names nobody real.
 */
const KEEPABLE = [
  /^broker\.(partition|region|permissionsBoundaryName)$/,
  /^(limits|guardrails|profiles|customPolicies|accessKeyVendors|approverGroups|egress)\b/,
  /^apiClients\[\d+\]\.(id|scopes\[\d+\])$/,
  /^oidc\.(audience|personClaim|groupsClaim|tokenUse|loginScopes|groupScopes)\b/,
  /^oidc\.machineClients\.[^.]+\.scopes\b/,
  /^security\.preferredLanguages\b/,
  /^ticketing\.apiKeyHeader$/,
];
/** The keys that are the example's own names (of people, accounts, clients); other keys are the schema's. */
const NAMING_KEYS = /^(people|targetAccounts|oidc\.machineClients)\.[^.]+ \(key\)$/;

/** Every value of the shipped example that names someone or something of its own (see KEEPABLE). */
export function exampleIdentities(): Set<string> {
  const identities = new Set<string>();
  walk(JSON.parse(readFileSync(EXAMPLE, 'utf8')), '', (field, value) => {
    const isKey = field.endsWith(' (key)');
    if (isKey ? NAMING_KEYS.test(field) : !KEEPABLE.some((keepable) => keepable.test(field)))
      identities.add(value);
  });
  return identities;
}

function walk(value: unknown, path: string, visit: (field: string, value: string) => void) {
  if (typeof value === 'string') return visit(path || '(root)', value);
  if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      // Keys can hold placeholders too (targetAccounts is keyed by account id).
      visit(`${field} (key)`, key);
      walk(inner, field, visit);
    }
}

export class UndeployableConfigError extends Error {
  constructor(path: string, problems: DeployProblem[]) {
    super(
      `${path} cannot be deployed:\n${problems.map((problem) => `  - ${problem.field}: ${problem.reason}`).join('\n')}`,
    );
    this.name = 'UndeployableConfigError';
  }
}
