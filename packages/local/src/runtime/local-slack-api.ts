import { appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { guarded } from '@access-broker/local-aws';

const METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);

/**
 * Slack's Web API on loopback, for the three methods the broker calls (a post may be a thread reply, or a
 * direct message when its channel is a user id). The functions' real @slack/web-api
 * client posts here (SLACK_API_URL) with the bot token it fetched from SSM; every accepted call is appended to
 * `outbox.jsonl` as `{ at, method, channel, ts, text, blocks, … }` and summarised on the console.
 */
export async function startLocalSlackApi(options: {
  botToken: string;
  outboxFile: string;
  print: (line: string) => void;
  /** A slow Slack (a fault the tests inject): posts answer this late, and are recorded when they answer. */
  postLatencyMs?: number;
}): Promise<{ url: string; close(): Promise<void> }> {
  let sequence = 0;
  const expected = Buffer.from(`Bearer ${options.botToken}`);
  const server: Server = createServer(
    guarded(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const reply = (payload: Record<string, unknown>) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      const presented = Buffer.from(String(request.headers.authorization ?? ''));
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
        return reply({ ok: false, error: 'invalid_auth' });
      const method = (request.url ?? '').replace(/^\/api\//, '').replace(/^\//, '');
      if (!METHODS.has(method)) return reply({ ok: false, error: 'unknown_method' });
      if (method === 'chat.postMessage' && options.postLatencyMs)
        await new Promise((resolve) => setTimeout(resolve, options.postLatencyMs));
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const args: Record<string, unknown> = {};
      for (const [key, value] of form) args[key] = key === 'blocks' ? JSON.parse(value) : value;
      const ts =
        method === 'chat.postMessage'
          ? `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`
          : args.ts;
      appendFileSync(
        options.outboxFile,
        `${JSON.stringify({ at: new Date().toISOString(), method, ...args, ...(ts ? { ts } : {}) })}\n`,
        { mode: 0o600 },
      );
      // A user id as the channel is the app's direct message with that person.
      const to =
        method === 'chat.postEphemeral'
          ? ` (to ${String(args.user)} only)`
          : /^[UW]/.test(String(args.channel))
            ? ` (direct to ${String(args.channel)})`
            : args.thread_ts
              ? ' (in thread)'
              : method === 'chat.update'
                ? ' (edit)'
                : '';
      options.print(`[slack]${to} ${String(args.text ?? '')}`);
      reply({ ok: true, channel: args.channel, ...(ts ? { ts } : {}), message_ts: ts });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
