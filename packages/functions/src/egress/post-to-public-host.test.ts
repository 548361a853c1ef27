import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToPublicHost, type Resolve } from './post-to-public-host';

let server: Server;
let port: number;
const seen: IncomingMessage[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    req.resume();
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      return res.end();
    }
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

const local = { allowLoopback: true };
const deployed = { allowLoopback: false };
const options = (policy = local, resolve?: Resolve) => ({
  headers: { 'content-type': 'application/json' },
  policy,
  timeoutMs: 2_000,
  ...(resolve ? { resolve } : {}),
});

describe('postToPublicHost', () => {
  it('refuses a name that resolves to an internal address, before connecting', async () => {
    const resolve: Resolve = async () => [{ address: '10.0.0.5', family: 4 }];
    await expect(
      postToPublicHost('https://hooks.example.com/x', '{}', options(deployed, resolve)),
    ).rejects.toThrow(
      /hooks\.example\.com resolves to 10\.0\.0\.5: 10\.0\.0\.5 is not a public address \(private\)/,
    );
  });

  it('refuses a name that resolves to a public and an internal address (a rebinding set-up)', async () => {
    const resolve: Resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '::ffff:169.254.169.254', family: 6 },
    ];
    await expect(
      postToPublicHost('https://hooks.example.com/x', '{}', options(deployed, resolve)),
    ).rejects.toThrow(/169\.254\.169\.254 is not a public address/);
  });

  it('refuses by the URL alone, without resolving anything', async () => {
    let resolved = 0;
    const resolve: Resolve = async () => (resolved++, [{ address: '93.184.215.14', family: 4 }]);
    for (const url of [
      'https://169.254.169.254/',
      'https://u:p@hooks.example.com/',
      'http://hooks.example.com/',
    ])
      await expect(postToPublicHost(url, '{}', options(deployed, resolve))).rejects.toThrow();
    expect(resolved).toBe(0);
  });

  it('connects to the address it checked, not to a second lookup of the name', async () => {
    let lookups = 0;
    const resolve: Resolve = async () => (lookups++, [{ address: '127.0.0.1', family: 4 }]);
    // No resolver on this machine knows the name: only the pinned address can reach the server.
    const answer = await postToPublicHost(
      `http://pinned-check.localhost:${port}/hook`,
      '{"a":1}',
      options(local, resolve),
    );
    expect(answer.status).toBe(204);
    expect(lookups).toBe(1);
    expect(seen.at(-1)?.headers.host).toBe(`pinned-check.localhost:${port}`);
  });

  it('does not follow a redirect', async () => {
    const before = seen.length;
    const answer = await postToPublicHost(`http://127.0.0.1:${port}/redirect`, '{}', options());
    expect(answer.status).toBe(302);
    expect(seen.length).toBe(before + 1);
  });
});
