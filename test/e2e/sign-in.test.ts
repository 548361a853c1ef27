import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signInWithBrowser, startLocalIdentityProvider } from '@access-broker/local';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDITOR, type BrokerUnderTest, startBrokerUnderTest, statusOf } from './support/broker-under-test';
import { auditRequestArgs, runCli, startCli } from './support/cli-process';

let broker: BrokerUnderTest;
beforeAll(async () => {
  broker = await startBrokerUnderTest();
});
afterAll(async () => {
  await broker?.close();
});

/** Each person has their own machine: their own config directory, where `broker login` keeps the login. */
const envOf = (person: string) => ({
  BROKER_HOME: broker.home,
  BROKER_CONFIG_DIR: join(broker.home, `config-${person}`),
});
const cli = (person: string, args: string[]) => runCli(args, envOf(person));
const loginsOf = async (person: string) =>
  JSON.parse(await readFile(join(envOf(person).BROKER_CONFIG_DIR, 'logins.json'), 'utf8'));

/**
 * `broker login` as the person would run it, and the person at a browser: they open the URL it prints,
 * check the code, and sign in at the local identity provider.
 */
async function login(person: string, flow: '--device' | '--browser' = '--device') {
  const run = startCli(['login', flow, '--no-open'], envOf(person));
  const [, url] = await run.stderrMatch(/(http:\/\/127\.0\.0\.1:\d+\/\S+)/);
  const browser = await signInWithBrowser(url!, {
    username: person,
    password: broker.description.oidc!.password,
  });
  expect(browser.status).toBe(200);
  const result = await run.done;
  expect(result, result.stderr).toMatchObject({ code: 0 });
  return result;
}

const problem = (response: { status: number; headers: Headers; body: any }) => ({
  status: response.status,
  type: response.headers.get('content-type'),
  detail: response.body?.detail as string,
});

describe('people sign in through the identity provider', () => {
  it('two people log in with the device flow; one files, the other approves through the CLI', async () => {
    expect((await login('dave')).stdout).toMatch(/signed in to .* as Dave Requester/);
    // dave is a person of the config (oidcSubjects) and files for himself: no --requester.
    const filed = await cli('dave', [...auditRequestArgs(), '--json']);
    expect(filed.code, filed.stderr).toBe(0);
    const request = JSON.parse(filed.stdout);
    const status = await cli('dave', ['status', request.id, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ requester: { id: 'dave' }, createdBy: 'oidc:dave' });

    // dave may not approve; erin, in the IdP's approvers group only, may: no config change, no redeploy.
    const own = await cli('dave', ['approve', request.id]);
    expect(own.code).toBe(4);
    expect(own.stderr).toMatch(/403 oidc:dave lacks the requests:approve scope/);
    await login('erin');
    const approved = await cli('erin', ['approve', request.id, '--comment', 'checked the ticket', '--json']);
    expect(approved.code, approved.stderr).toBe(0);
    expect(await statusOf(broker, request.id, 'ACTIVE')).toMatchObject({
      approvals: [{ by: 'oidc:erin', person: 'oidc:erin', channel: 'api', comment: 'checked the ticket' }],
    });
    const audit = await broker.api('GET', `/v1/requests/${request.id}/audit`, {
      token: broker.description.tokens.admin,
    });
    expect(audit.body.items[0]).toMatchObject({ action: 'REQUESTED', actor: 'oidc:dave' });
  });

  it('keeps someone only the IdP knows from approving what a ticketing system filed under their email', async () => {
    const filed = await broker.api('POST', '/v1/requests', {
      token: broker.description.tokens.requester,
      body: {
        principal: AUDITOR,
        profile: 's3-audit-read',
        parameters: { bucket: 'awsproduction345' },
        duration: 'PT5M',
        justification: 'erin asked in the ticket',
        requester: { id: 'Erin@Broker.Local' },
      },
    });
    expect(filed.status).toBe(202);
    await login('erin');
    const own = await cli('erin', ['approve', filed.body.id]);
    expect(own.code).toBe(4);
    expect(own.stderr).toMatch(/403 .*own requests/);
    expect(await statusOf(broker, filed.body.id, 'PENDING_APPROVAL')).toMatchObject({ approvals: [] });
  });

  it('keeps the login to the user (0600), says who it is, refreshes it silently, and forgets it at logout', async () => {
    await login('approver2');
    const file = join(envOf('approver2').BROKER_CONFIG_DIR, 'logins.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(envOf('approver2').BROKER_CONFIG_DIR)).mode & 0o777).toBe(0o700);
    const whoami = await cli('approver2', ['whoami', '--json']);
    // The IdP subject and the API client `approver2` are one person of the config.
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      kind: 'person',
      person: 'approver2',
      actor: 'oidc:approver2',
      approverGroups: ['local-approvers'],
      tokenFrom: expect.stringMatching(/^broker login/),
    });

    const logins = await loginsOf('approver2');
    const [apiUrl] = Object.keys(logins);
    const before = logins[apiUrl!];
    await writeFile(file, JSON.stringify({ [apiUrl!]: { ...before, expiresAt: 0 } }));
    expect((await cli('approver2', ['whoami'])).code).toBe(0);
    const after = (await loginsOf('approver2'))[apiUrl!];
    expect(after.token).not.toBe(before.token);
    expect(after.expiresAt).toBeGreaterThan(Date.now() / 1000);

    expect((await cli('approver2', ['logout'])).stdout).toMatch(/signed out of/);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    // The refresh token was revoked at the provider: the old login cannot be brought back.
    await writeFile(file, JSON.stringify({ [apiUrl!]: { ...after, expiresAt: 0 } }), { mode: 0o600 });
    const revived = await cli('approver2', ['whoami']);
    expect(revived.code).toBe(5);
    expect(revived.stderr).toMatch(/sign-in .* has expired.*run broker login/);
  });

  it('signs in through the browser with PKCE and a loopback redirect', async () => {
    const result = await login('approver', '--browser');
    expect(result.stdout).toMatch(/as Ada Approver/);
    expect(JSON.parse((await cli('approver', ['whoami', '--json'])).stdout)).toMatchObject({
      person: 'approver',
    });
  });

  it('refuses with problem+json a token from another issuer, an expired token, and a token without the group', async () => {
    const path = '/v1/requests?limit=1';
    // A real token from another identity provider (another key, another issuer).
    const other = await startLocalIdentityProvider({
      oidc: { audience: broker.config.oidc!.audience, cliClientId: 'broker-cli', loginScopes: 'openid' },
      machineClients: { 'local-ticketing': 'other-secret' },
      password: 'x',
      signingKey: (await secrets()).identityProvider.signingKey,
      cookieKey: 'other-cookie-key',
      stateFile: join(broker.home, 'other-idp.json'),
    });
    try {
      const foreign = await clientCredentials(other.issuer, 'local-ticketing', 'other-secret');
      // Even signed with the very same key, another issuer is refused.
      expect(problem(await broker.api('GET', path, { token: foreign }))).toEqual({
        status: 401,
        type: 'application/problem+json',
        detail: 'the token is from another issuer',
      });
    } finally {
      await other.stop();
    }

    const expired = await signedByTheProvider({ sub: 'erin', groups: ['broker-approvers'] }, -60);
    const refused = await broker.api('GET', path, { token: expired });
    expect(problem(refused)).toEqual({
      status: 401,
      type: 'application/problem+json',
      detail: 'the token has expired',
    });
    expect(refused.headers.get('www-authenticate')).toBe(
      'Bearer realm="access-broker", error="invalid_token"',
    );

    const oscar = await deviceFlowToken('oscar');
    expect(problem(await broker.api('GET', path, { token: oscar }))).toEqual({
      status: 403,
      type: 'application/problem+json',
      detail: 'oidc:oscar is in none of the identity-provider groups the broker knows',
    });
    // `broker login` says so too, and keeps nothing.
    const run = startCli(['login', '--device'], envOf('oscar'));
    const [, url] = await run.stderrMatch(/(http:\/\/127\.0\.0\.1:\d+\/\S+)/);
    await signInWithBrowser(url!, { username: 'oscar', password: broker.description.oidc!.password });
    const refusedLogin = await run.done;
    expect(refusedLogin.code).toBe(4);
    expect(refusedLogin.stderr).toMatch(/403 oidc:oscar is in none/);
    await expect(loginsOf('oscar')).rejects.toThrow(/ENOENT/);
  });

  it('lets a machine use client credentials from the same issuer', async () => {
    const secret = broker.description.oidc!.machineClients['local-ticketing']!;
    const token = await clientCredentials(broker.description.oidcIssuer!, 'local-ticketing', secret);
    const created = await broker.api('POST', '/v1/requests', {
      token,
      body: {
        principal: AUDITOR,
        profile: 's3-audit-read',
        parameters: { bucket: 'awsproduction345' },
        duration: 'PT1M',
        justification: 'Filed by the ticketing system',
        requester: { id: 'dave' },
      },
    });
    expect(created.status).toBe(202);
    const trail = await broker.api('GET', `/v1/requests/${created.body.id}/audit`, { token });
    expect(trail.body.items[0]).toMatchObject({ actor: 'oidc-client:local-ticketing' });
    // A machine cannot approve, whatever it asks for.
    const decided = await broker.api('POST', `/v1/requests/${created.body.id}/decision`, {
      token,
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(403);
  });
});

const secrets = async () => JSON.parse(await readFile(join(broker.home, 'secrets.json'), 'utf8'));

/** A token with the local provider's own key: only the test, reading the broker's home, can make one. */
async function signedByTheProvider(claims: Record<string, unknown>, expiresInSeconds: number) {
  const jwk = (await secrets()).identityProvider.signingKey;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid, typ: 'at+jwt' })
    .setIssuer(broker.description.oidcIssuer!)
    .setAudience(broker.config.oidc!.audience)
    .setIssuedAt(now - 600)
    .setExpirationTime(now + expiresInSeconds)
    .sign(await importJWK(jwk, 'ES256'));
}

/** The device flow without the command line: what any OAuth client of the provider would get. */
async function deviceFlowToken(person: string): Promise<string> {
  const issuer = broker.description.oidcIssuer!;
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'broker-cli', resource: broker.config.oidc!.audience, ...fields }),
  });
  const device = (await (await fetch(`${issuer}/device/auth`, form({ scope: 'openid broker' }))).json()) as {
    verification_uri_complete: string;
    device_code: string;
  };
  await signInWithBrowser(device.verification_uri_complete, {
    username: person,
    password: broker.description.oidc!.password,
  });
  const tokens = (await (
    await fetch(
      `${issuer}/token`,
      form({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.device_code }),
    )
  ).json()) as { access_token: string };
  return tokens.access_token;
}

async function clientCredentials(issuer: string, clientId: string, secret: string): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource: broker.config.oidc!.audience,
      scope: 'broker',
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}
