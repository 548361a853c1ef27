import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { quickStart } from '../../packages/local/src/runtime/quick-start';
import { type BrokerUnderTest, brokerForFile, statusOf } from './support/broker-under-test';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
// A slow Slack: the pasted approval lands while the question is still being posted (the race people met).
const current = brokerForFile({ faults: { slackLatencyMs: 1_500 } });
let broker: BrokerUnderTest;
beforeEach(() => void (broker = current()));

/** The lines `npm start` tells a newcomer to paste, in order (comments dropped; signing in needs a browser). */
function pastedLines(text: string): string[] {
  const signIn = text.indexOf('People sign in');
  return text
    .slice(text.indexOf('Try it'), signIn < 0 ? undefined : signIn)
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

describe("npm start's quick start, pasted as printed", () => {
  it('works from another shell, twice in a row, and tells the truth about the session', async () => {
    const lines = pastedLines(quickStart(broker.description, broker.home));
    expect(lines).toHaveLength(6);
    const [exports, create, approve, read, assume] = lines as [string, string, string, string, string];
    // A fresh shell: nothing but what the printed lines export (BROKER_HOME included).
    const shell = (script: string) =>
      run('bash', ['-c', `set -euo pipefail; ${exports}; ${script}`], {
        cwd: ROOT,
        env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp' },
      });
    const ids: string[] = [];
    for (const _attempt of [1, 2]) {
      const { stdout } = await shell(`${create}`);
      const id = stdout.trim();
      expect(id).toMatch(/^[0-9a-z]+$/);
      expect(ids).not.toContain(id);
      ids.push(id);
      const approved = await shell(`ID=${id}; ${approve}`);
      expect(JSON.parse(approved.stdout).status).toBe('APPROVED');
    }
    const id = ids[0]!;
    await statusOf(broker, id, 'ACTIVE');
    const grant = JSON.parse((await shell(`ID=${id}; ${read}`)).stdout).grant;
    await broker.waitFor('the grant to be usable', async () =>
      Date.parse(grant.usableFrom) <= Date.now() ? true : undefined,
    );
    const assumed = await shell(`ID=${id}; ${assume}`);
    expect(assumed.stdout).toMatch(/with a wrong External ID: AccessDenied/);
    expect(assumed.stdout).toContain(`usable until ${grant.expiresAt}`);

    // The rest of the journey: an extension another approver approves, then a revoke.
    const { tokens } = broker.description;
    const extend = await broker.api('POST', `/v1/requests/${id}/extend`, {
      token: tokens.requester,
      body: { duration: 'PT5M', justification: 'fieldwork ran long' },
    });
    expect(extend.status).toBe(202);
    await broker.waitFor(
      'the extension to be asked',
      async () =>
        (await broker.outbox()).some((call) => call.thread_ts && String(call.text).includes(id)) || undefined,
    );
    const decided = await broker.api('POST', `/v1/requests/${id}/decision`, {
      token: tokens.approver2,
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    await broker.waitFor('the extension to apply', async () => {
      const { body } = await broker.api('GET', `/v1/requests/${id}`, { token: tokens.admin });
      return body.extension ? undefined : body;
    });
    const revoked = await broker.api('POST', `/v1/requests/${id}/revoke`, {
      token: tokens.admin,
      body: { reason: 'audit done' },
    });
    expect(revoked.status).toBeLessThan(300);
    await statusOf(broker, id, 'REVOKED');
    await broker.eventsDelivered();

    // Replayed, Slack's history leaves one message per request, each showing where its request stands.
    const messages = await broker.waitFor('every message to show its request', async () => {
      const final = replayed(await broker.outbox());
      const revokedShown = [...final.values()].some((m) => m.requestId === id && /Revoked by/.test(m.shown));
      return revokedShown ? final : undefined;
    });
    const channelMessages = [...messages.values()].filter((message) => !message.threadTs && !message.direct);
    for (const requestId of ids)
      expect(channelMessages.filter((message) => message.requestId === requestId)).toHaveLength(1);
    for (const message of channelMessages) {
      // No question is left with live buttons, and every actor is a person's name, never a raw identity
      // (a `<@U…>` mention is Slack showing the person's own name).
      expect(message.shown).not.toContain('"action_id"');
      expect(message.shown.replace(/<@U[0-9A-Z]+>/g, ''), message.shown).not.toMatch(
        /(api|slack|oidc):|U0LOCAL/,
      );
    }
    const first = channelMessages.find((message) => message.requestId === id)!;
    expect(first.shown).toContain('Revoked by Ari Admin: audit done');
    expect(first.shown).toContain('2 minutes (7 minutes with extensions)');
    expect(first.shown).toContain('Used:');
    // While it was active and extended, it said who extended it, by name.
    expect(
      first.history.some((blocks) => /extended 5 minutes .*approved by Bo Second-Approver/.test(blocks)),
    ).toBe(true);
    const second = channelMessages.find((message) => message.requestId === ids[1])!;
    expect(second.shown).toMatch(/Active until .*approved by Ada Approver/);
    // The extension was announced in the request's thread, not as a second message with buttons of its own.
    const replies = [...messages.values()].filter((message) => message.threadTs === first.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.shown).not.toContain('action_id');
  }, 60_000);
});

interface ReplayedMessage {
  ts: string;
  requestId: string | undefined;
  threadTs?: string;
  direct: boolean;
  /** The message as it stands after every edit (text and blocks). */
  shown: string;
  /** Every state it was in, oldest first. */
  history: string[];
}

/** Slack's history folded as Slack keeps it: a post makes a message, an edit replaces its content. */
function replayed(calls: Record<string, any>[]): Map<string, ReplayedMessage> {
  const messages = new Map<string, ReplayedMessage>();
  for (const call of calls) {
    const content = JSON.stringify({ text: call.text, blocks: call.blocks });
    const key = `${call.channel}:${call.ts}`;
    if (call.method === 'chat.postMessage') {
      messages.set(key, {
        ts: call.ts,
        requestId: /(?:request|Extension of|Access) ([0-9a-z]{26})/.exec(String(call.text))?.[1],
        ...(call.thread_ts ? { threadTs: call.thread_ts } : {}),
        direct: /^U/.test(call.channel),
        shown: content,
        history: [content],
      });
    } else if (call.method === 'chat.update') {
      const message = messages.get(key);
      expect(message, `an edit of a message never posted: ${key}`).toBeDefined();
      message!.shown = content;
      message!.history.push(content);
    }
  }
  return messages;
}
