import type { ActivitySummary, ApprovalNotifier, GrantRecord } from '@access-broker/core';
import { WebClient } from '@slack/web-api';
import { approvalRequestBlocks, outcomeBlocks } from './approval-message';

/**
 * Approval messages through Slack's Web API. The message is later edited with chat.update (by channel + ts),
 * not through a response_url: those die after 30 minutes and five uses, and approvals may wait a day.
 * `apiUrl` is only ever set by the local runtime (SLACK_API_URL), which points
 * it at its loopback Slack, as it points AWS_ENDPOINT_URL at its loopback AWS.
 */
export function slackNotifier(token: string, channel: string, apiUrl: string | undefined) {
  return new SlackApprovalNotifier(new WebClient(token, apiUrl ? { slackApiUrl: apiUrl } : {}), channel);
}

class SlackApprovalNotifier implements ApprovalNotifier {
  constructor(
    private readonly slack: WebClient,
    private readonly channel: string,
  ) {}

  async requestApproval(record: GrantRecord) {
    const { ts, channel } = await this.slack.chat.postMessage({
      channel: this.channel,
      ...approvalRequestBlocks(record),
    });
    return ts && channel ? { channel, ts } : undefined;
  }

  async announceOutcome(record: GrantRecord, used?: ActivitySummary) {
    if (!record.approvalMessage) return;
    await this.slack.chat.update({ ...record.approvalMessage, ...outcomeBlocks(record, used) });
  }

  async tellUser(slackUserId: string, _record: GrantRecord | undefined, text: string) {
    await this.slack.chat.postEphemeral({ channel: this.channel, user: slackUserId, text });
  }
}
