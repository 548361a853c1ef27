import { appendFileSync } from 'node:fs';
import type { ApprovalNotifier, GrantRecord } from '@access-broker/core';
import { approvalRequestBlocks, outcomeBlocks } from '@access-broker/functions';

/**
 * Slack without a bot token: every message the broker would send is appended to `outbox.jsonl` (the same
 * Block Kit payload chat.postMessage would get) and summarised on the console.
 */
export class LocalSlackOutbox implements ApprovalNotifier {
  private sequence = 0;

  constructor(
    private readonly file: string,
    private readonly channel: string,
    private readonly print: (line: string) => void = console.log,
  ) {}

  async requestApproval(record: GrantRecord) {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.sequence).padStart(6, '0')}`;
    const message = approvalRequestBlocks(record);
    this.write({ method: 'chat.postMessage', channel: this.channel, ts, ...message });
    this.print(`[slack] ${message.text} (buttons: approve/deny, value ${record.id})`);
    return { channel: this.channel, ts };
  }

  async announceOutcome(record: GrantRecord) {
    if (!record.approvalMessage) return;
    const message = outcomeBlocks(record);
    this.write({ method: 'chat.update', ...record.approvalMessage, ...message });
    this.print(`[slack] ${message.text}`);
  }

  async tellUser(slackUserId: string, _record: GrantRecord | undefined, text: string) {
    this.write({ method: 'chat.postEphemeral', channel: this.channel, user: slackUserId, text });
    this.print(`[slack] (to ${slackUserId} only) ${text}`);
  }

  private write(entry: Record<string, unknown>) {
    appendFileSync(this.file, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
  }
}
