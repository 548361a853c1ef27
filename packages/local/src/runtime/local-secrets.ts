import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SCOPES as ALL_SCOPES, type Scope } from '@access-broker/core';

export interface LocalSecrets {
  /** Each token is one API client; approver, approver2 and admin are people's (config/local.json `people`). */
  tokens: { requester: string; requester2: string; approver: string; approver2: string; admin: string };
  slackSigningSecret: string;
  /** The bot token the local Slack API accepts (stored in the local SSM, as `sst secrets set` would). */
  slackBotToken: string;
  /** The local identity provider's: the people's password, its signing key (private JWK), its cookie key. */
  identityProvider: { password: string; signingKey: Record<string, unknown>; cookieKey: string };
  /** Client-credentials secrets, by client id, as the local identity provider issues them. */
  machineClientSecrets: Record<string, string>;
}

const SCOPES: Record<keyof LocalSecrets['tokens'], Scope[]> = {
  // Two ticketing systems: each sees what it filed.
  requester: ['requests:create', 'requests:read'],
  requester2: ['requests:create', 'requests:read'],
  approver: ['requests:read', 'requests:approve', 'requests:revoke'],
  approver2: ['requests:read', 'requests:approve', 'requests:revoke'],
  admin: [...ALL_SCOPES],
};

/** Local bearer tokens and Slack secrets: random on first start, then kept (mode 600). */
export function localSecrets(file: string, machineClients: readonly string[] = []): LocalSecrets {
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const token = (name: string) => `ab_${name}_${randomBytes(24).toString('base64url')}`;
  const secrets: LocalSecrets = {
    // A token added since this home was made is created now; existing ones are kept.
    tokens: Object.fromEntries(
      Object.keys(SCOPES).map((name) => [
        name,
        kept.tokens?.[name as keyof LocalSecrets['tokens']] ?? token(name),
      ]),
    ) as LocalSecrets['tokens'],
    slackSigningSecret: kept.slackSigningSecret ?? randomBytes(32).toString('hex'),
    slackBotToken: kept.slackBotToken ?? `xoxb-local-${randomBytes(24).toString('hex')}`,
    identityProvider: kept.identityProvider ?? {
      password: randomBytes(12).toString('base64url'),
      signingKey: {
        ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
        kid: randomBytes(8).toString('hex'),
      },
      cookieKey: randomBytes(32).toString('base64url'),
    },
    machineClientSecrets: Object.fromEntries(
      machineClients.map((id) => [
        id,
        kept.machineClientSecrets?.[id] ?? `cs_${id}_${randomBytes(24).toString('base64url')}`,
      ]),
    ),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The config's apiClients for the local tokens: only their SHA-256 is ever held by the broker. */
export function localApiClients(secrets: LocalSecrets) {
  return Object.entries(secrets.tokens).map(([id, token]) => ({
    id,
    tokenSha256: createHash('sha256').update(token).digest('hex'),
    scopes: SCOPES[id as keyof LocalSecrets['tokens']],
  }));
}
