import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { IamState } from '../iam/iam-state';
import { LocalFederation } from './local-federation';

const NOW = new Date('2026-11-25T10:00:00Z');
const session = (overrides: Record<string, unknown> = {}) => ({
  accessKeyId: 'ASIAVENDOR',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  arn: 'arn:aws:sts::000000000000:assumed-role/access-broker-r1/console',
  roleArn: 'arn:aws:iam::000000000000:role/access-broker/access-broker-r1',
  accountId: '000000000000',
  issuedAt: NOW.toISOString(),
  expiresAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
  ...overrides,
});

/** One call to the endpoint: its status, headers and body. */
function call(federation: LocalFederation, params: Record<string, string>, at = NOW) {
  const result = { status: 0, headers: {} as Record<string, string>, body: '' };
  const response = {
    writeHead(status: number, headers: Record<string, string>) {
      result.status = status;
      result.headers = headers;
    },
    end(body?: string) {
      result.body = body ?? '';
    },
  } as unknown as ServerResponse;
  federation.answer(new URL(`http://local/federation?${new URLSearchParams(params)}`), at, response);
  return result;
}
const credentials = (overrides: Record<string, string> = {}) =>
  JSON.stringify({ sessionId: 'ASIAVENDOR', sessionKey: 'secret', sessionToken: 'token', ...overrides });

describe('the local federation endpoint', () => {
  it('trades a live session for a one-time sign-in token that redirects only to the console', () => {
    const state = new IamState();
    state.sessions.set('ASIAVENDOR', session());
    const federation = new LocalFederation(state);
    const token = () =>
      JSON.parse(call(federation, { Action: 'getSigninToken', Session: credentials() }).body)
        .SigninToken as string;
    const console = 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1';
    expect(
      call(federation, { Action: 'login', SigninToken: token(), Destination: 'https://evil.example/' })
        .status,
    ).toBe(400);
    const signIn = token();
    expect(call(federation, { Action: 'login', SigninToken: signIn, Destination: console })).toMatchObject({
      status: 302,
      headers: { location: console },
    });
    expect(call(federation, { Action: 'login', SigninToken: signIn, Destination: console }).status).toBe(400);
    const late = token();
    const in16Minutes = new Date(NOW.getTime() + 16 * 60_000);
    expect(
      call(federation, { Action: 'login', SigninToken: late, Destination: console }, in16Minutes).status,
    ).toBe(400);
  });

  it('refuses what AWS refuses: wrong or expired credentials, and session lengths beyond the limits', () => {
    const state = new IamState();
    state.sessions.set('ASIAVENDOR', session());
    state.sessions.set('ASIACHAINED', session({ accessKeyId: 'ASIACHAINED', chained: true }));
    const federation = new LocalFederation(state);
    const ask = (session: string, duration = '3600', at = NOW) =>
      call(federation, { Action: 'getSigninToken', Session: session, SessionDuration: duration }, at).status;
    expect(ask(credentials())).toBe(200);
    expect(ask(credentials({ sessionKey: 'guess' }))).toBe(400);
    expect(ask(credentials(), '3600', new Date(NOW.getTime() + 3_600_000))).toBe(400);
    expect(ask(credentials(), '43201')).toBe(400);
    expect(ask(credentials(), '600')).toBe(400);
    expect(ask(credentials({ sessionId: 'ASIACHAINED' }), '3600')).toBe(200);
    expect(ask(credentials({ sessionId: 'ASIACHAINED' }), '7200')).toBe(400);
    expect(ask('not json')).toBe(400);
  });
});
