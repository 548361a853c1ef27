import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOrigins } from './console-routes';

let issuer: string;
let tokenEndpoint = '';
const server = createServer((req, res) => {
  if (!req.url?.endsWith('/.well-known/openid-configuration')) return void res.writeHead(404).end();
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ issuer, token_endpoint: tokenEndpoint }));
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const oidc = (at: string) => ({ oidc: { issuer: at } }) as Parameters<typeof signInOrigins>[0];

describe("the console's sign-in origins (its Content-Security-Policy's connect-src)", () => {
  it('are none without an identity provider', async () => {
    expect(await signInOrigins({})).toEqual([]);
  });

  it("are the issuer's alone while its discovery document cannot be read", async () => {
    expect(await signInOrigins(oidc('http://127.0.0.1:9'))).toEqual(['http://127.0.0.1:9']);
  });

  it('add a token endpoint served elsewhere, but not one on another scheme', async () => {
    // Two tenants of one provider, so the first one's answer (kept once read) does not answer the second.
    tokenEndpoint = 'https://tokens.example.com/oauth2/token';
    expect(await signInOrigins(oidc(`${issuer}/tenant-a`))).toEqual([issuer]);
    tokenEndpoint = 'http://tokens.example.com/oauth2/token';
    expect(await signInOrigins(oidc(`${issuer}/tenant-b`))).toEqual([issuer, 'http://tokens.example.com']);
    tokenEndpoint = 'http://elsewhere.example.com/token';
    expect(await signInOrigins(oidc(`${issuer}/tenant-b`))).toEqual([issuer, 'http://tokens.example.com']);
  });
});
