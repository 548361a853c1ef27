import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { oidcSchema } from '@access-broker/core';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from './authenticate';

let server: Server;
let issuer: string;
let sign: (
  claims: JWTPayload,
  options?: { expiresIn?: string; iss?: string; aud?: string },
) => Promise<string>;
let foreignSign: typeof sign;

beforeAll(async () => {
  const keys = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration')
      return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    if (req.url === '/jwks') return res.end(JSON.stringify({ keys: [jwk] }));
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signer =
    (key: Parameters<SignJWT['sign']>[0]) =>
    (claims: JWTPayload, options: { expiresIn?: string; iss?: string; aud?: string } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
        .setIssuer(options.iss ?? issuer)
        .setAudience(options.aud ?? 'access-broker')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(key);
  sign = signer(keys.privateKey);
  foreignSign = signer(foreign.privateKey);
});
afterAll(() => server.close());

const config = () => ({
  apiClients: [],
  oidc: oidcSchema.parse({
    issuer,
    audience: 'access-broker',
    cliClientId: 'broker-cli',
    groupScopes: { approvers: ['requests:read', 'requests:approve'] },
    machineClients: { servicenow: { scopes: ['requests:create'] } },
  }),
});
const bearer = (token: string) => `Bearer ${token}`;

describe('tokens from the identity provider', () => {
  it('turns a valid token into a person with the scopes of their groups', async () => {
    const token = await sign({ sub: 'erin', groups: ['approvers', 'unrelated'] });
    await expect(authenticate(config(), bearer(token), 'requests:approve')).resolves.toEqual({
      actor: 'oidc:erin',
      scopes: ['requests:read', 'requests:approve'],
      idpGroups: ['approvers', 'unrelated'],
    });
  });

  it('turns a client-credentials token of a listed client into a machine', async () => {
    const token = await sign({ client_id: 'servicenow', sub: 'servicenow' });
    await expect(authenticate(config(), bearer(token), 'requests:create')).resolves.toEqual({
      actor: 'oidc-client:servicenow',
      scopes: ['requests:create'],
    });
  });

  it.each([
    ['expired', () => sign({ sub: 'erin', groups: ['approvers'] }, { expiresIn: '-1m' }), 401, /expired/],
    [
      'from another issuer',
      () => sign({ sub: 'erin' }, { iss: 'https://evil.example' }),
      401,
      /another issuer/,
    ],
    ['for another audience', () => sign({ sub: 'erin' }, { aud: 'other-api' }), 401, /another audience/],
    ['signed by another key', () => foreignSign({ sub: 'erin', groups: ['approvers'] }), 401, /signature/],
    [
      'unsigned (alg none)',
      async () => unsigned({ sub: 'erin', groups: ['approvers'], iss: issuer }),
      401,
      /not/,
    ],
    ['without a person', () => sign({ groups: ['approvers'] }), 401, /does not name a person/],
    ['a person in no known group', () => sign({ sub: 'mallory', groups: ['staff'] }), 403, /none of the/],
    [
      'a person without the scope',
      () => sign({ sub: 'erin', groups: ['approvers'] }),
      403,
      /lacks the requests:revoke/,
    ],
  ])('refuses a token %s', async (_case, token, status, reason) => {
    const error = await authenticate(config(), bearer(await token()), 'requests:revoke').catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).constructor.name).toBe(
      status === 401 ? 'AuthenticationError' : 'NotAllowedError',
    );
  });

  it('carries the email only when the provider verified it', async () => {
    const verified = await sign({
      sub: 'erin',
      email: 'Erin@Corp.example',
      email_verified: true,
      groups: ['approvers'],
    });
    await expect(authenticate(config(), bearer(verified), 'requests:read')).resolves.toMatchObject({
      email: 'Erin@Corp.example',
    });
    for (const claims of [
      { email: 'erin@corp.example' },
      { email: 'erin@corp.example', email_verified: 'true' },
    ]) {
      const caller = await authenticate(
        config(),
        bearer(await sign({ sub: 'erin', groups: ['approvers'], ...claims })),
        'requests:read',
      );
      expect(caller).not.toHaveProperty('email');
    }
  });

  it.each([
    ['without email_verified', { email: 'erin@corp.example' }],
    ['with email_verified false', { email: 'erin@corp.example', email_verified: false }],
    ['with email_verified "true" (a string)', { email: 'erin@corp.example', email_verified: 'true' }],
  ])('refuses an email person claim %s', async (_case, claims) => {
    const emailConfig = { ...config(), oidc: { ...config().oidc, personClaim: 'email' as const } };
    const token = await sign({ sub: 'x1', groups: ['approvers'], ...claims });
    await expect(authenticate(emailConfig, bearer(token), 'requests:read')).rejects.toMatchObject({
      name: 'AuthenticationError',
      message: expect.stringMatching(/no verified email/),
    });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'knows no IdP group or machine client named %s',
    async (name) => {
      const grouped = await sign({ sub: 'mallory', groups: [name] });
      await expect(authenticate(config(), bearer(grouped), 'requests:read')).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      const machine = await sign({ client_id: name });
      await expect(authenticate(config(), bearer(machine), 'requests:read')).rejects.toMatchObject({
        name: 'AuthenticationError',
      });
    },
  );

  it('takes a JWT-shaped string for a static token when no identity provider is configured', async () => {
    const token = await sign({ sub: 'erin', groups: ['approvers'] });
    await expect(authenticate({ apiClients: [] }, bearer(token), 'requests:read')).rejects.toThrow(
      /unknown token/,
    );
  });
});

function unsigned(claims: JWTPayload): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, aud: 'access-broker', exp: Date.now() / 1000 + 300 })}.sig`;
}
