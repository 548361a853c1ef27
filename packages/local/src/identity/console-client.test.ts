import { describe, expect, it } from 'vitest';
import { ConsoleClient } from './console-client';

describe("the console's client at the local identity provider", () => {
  it('does not exist until the console listens, then has exactly its redirect URI', () => {
    const client = new ConsoleClient('broker-console');
    expect(client.metadata()).toBeUndefined();
    client.register('http://127.0.0.1:8787/console');
    expect(client.metadata()).toMatchObject({
      client_id: 'broker-console',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      redirect_uris: ['http://127.0.0.1:8787/console'],
    });
  });

  it("allows the token endpoint's CORS to the console's own origin and client only", () => {
    const client = new ConsoleClient('broker-console');
    expect(client.allowsCors('http://127.0.0.1:8787', 'broker-console')).toBe(false);
    client.register('http://127.0.0.1:8787/console');
    expect(client.allowsCors('http://127.0.0.1:8787', 'broker-console')).toBe(true);
    expect(client.allowsCors('http://127.0.0.1:9999', 'broker-console')).toBe(false);
    expect(client.allowsCors('http://evil.example', 'broker-console')).toBe(false);
    expect(client.allowsCors('http://127.0.0.1:8787', 'broker-cli')).toBe(false);
  });

  it('is never there when the config names no console client', () => {
    const client = new ConsoleClient(undefined);
    client.register('http://127.0.0.1:8787/console');
    expect(client.metadata()).toBeUndefined();
    expect(client.allowsCors('http://127.0.0.1:8787', 'undefined')).toBe(false);
  });
});
