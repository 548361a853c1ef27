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
 * (a documentation account id, `replace-with-…`, an example token hash or Slack id). Each problem names the
 * field to change, so the first deploy fails before CloudFormation does anything.
 */
export function deployProblems(raw: unknown, path: string): DeployProblem[] {
  const problems: DeployProblem[] = [];
  if (basename(path) === basename(EXAMPLE))
    problems.push({
      field: '(file)',
      reason: `${path} is the example: copy it to config/production.json (git-ignored) and fill it in, or set BROKER_CONFIG`,
    });
  const issuer = (raw as { oidc?: { issuer?: unknown } }).oidc?.issuer;
  if (typeof issuer === 'string' && !issuer.startsWith('https://'))
    problems.push({
      field: 'oidc.issuer',
      reason: `must be https to deploy: API Gateway's JWT authorizer fetches its discovery document (got ${issuer})`,
    });
  if ((raw as { egress?: { allowLoopback?: unknown } }).egress?.allowLoopback === true)
    problems.push({
      field: 'egress.allowLoopback',
      reason: 'is for the local broker: deployed, the broker sends only to public https hosts',
    });
  const exampleValues = new Set(exampleIdentities());
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

/**
 * Slack user ids, token hashes, spoke accounts and the identity provider of the shipped example: copied
 * unchanged, they name nobody real.
 */
function exampleIdentities(): string[] {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
    people?: Record<string, { slackUserIds?: string[]; oidcSubjects?: string[] }>;
    apiClients?: { tokenSha256: string | string[] }[];
    targetAccounts?: Record<string, unknown>;
    oidc?: { issuer: string; cliClientId: string; machineClients?: Record<string, unknown> };
  };
  return [
    ...Object.keys(example.targetAccounts ?? {}),
    ...Object.values(example.people ?? {}).flatMap((person) => [
      ...(person.slackUserIds ?? []),
      ...(person.oidcSubjects ?? []),
    ]),
    ...(example.apiClients ?? []).flatMap((client) => [client.tokenSha256].flat()),
    ...(example.oidc ? [example.oidc.issuer, example.oidc.cliClientId] : []),
    ...Object.keys(example.oidc?.machineClients ?? {}),
  ];
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
