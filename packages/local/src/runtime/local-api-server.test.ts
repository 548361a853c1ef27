import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayJwtAuthorizer } from '../identity/gateway-jwt-authorizer';
import { type LocalIdentityProvider, startLocalIdentityProvider } from '../identity/local-identity-provider';
import { localSecrets } from './local-secrets';
import { startLocalApi } from './local-api-server';

const AUDIENCE = 'api://access-broker-test';
let idp: LocalIdentityProvider;
let api: Awaited<ReturnType<typeof startLocalApi>>;
const invoked: string[] = [];

beforeAll(async () => {
  const home = await mkdtemp(join(tmpdir(), 'gateway-'));
  const secrets = localSecrets(join(home, 'secrets.json'), ['machine']);
  idp = await startLocalIdentityProvider({
    oidc: { audience: AUDIENCE, cliClientId: 'cli', loginScopes: 'openid' },
    machineClients: secrets.machineClientSecrets,
    ...secrets.identityProvider,
    stateFile: join(home, 'idp.json'),
  });
  api = await startLocalApi(
    async (route) => {
      invoked.push(route);
      return { statusCode: 200, body: '{}' };
    },
    0,
    {
      guards: (route) => route === 'decide',
      allows: gatewayJwtAuthorizer({ issuer: idp.issuer, audience: AUDIENCE }),
    },
  );
  machineToken = async () => {
    const response = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`machine:${secrets.machineClientSecrets.machine}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: AUDIENCE, scope: 'broker' }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
});
afterAll(async () => {
  api.server.close();
  await idp.stop();
});
let machineToken: () => Promise<string>;

const decide = (authorization?: string) =>
  fetch(`${api.url}/v1/requests/r1/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: '{"decision":"approve"}',
  });

describe("the local API models API Gateway's JWT authorizer", () => {
  it('answers a guarded route as API Gateway does, without running its function, unless the JWT verifies', async () => {
    for (const authorization of [
      undefined,
      `Bearer ab_static_${randomBytes(8).toString('hex')}`,
      'Bearer a.b.c',
    ]) {
      const response = await decide(authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
    }
    expect(invoked).toEqual([]);
    expect((await decide(`Bearer ${await machineToken()}`)).status).toBe(200);
    expect(invoked).toEqual(['decide']);
  });

  it('leaves unguarded routes to the function', async () => {
    const response = await fetch(`${api.url}/v1/requests/r1`, {
      headers: { authorization: 'Bearer static' },
    });
    expect(response.status).toBe(200);
    expect(invoked.at(-1)).toBe('getRequest');
  });
});
