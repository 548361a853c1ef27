import type { ActivitySummary, ApprovalNotifier, GrantRecord } from '@access-broker/core';
import { WebClient } from '@slack/web-api';
import { type NameOf, requestMessage } from './approval-message';
import { escapeMrkdwn, oneLine } from './mrkdwn';

/**
 * The request's one Slack message, through Slack's Web API. It is edited with chat.update (by channel + ts),
 * not through a response_url: those die after 30 minutes and five uses, and approvals may wait a day.
 * `apiUrl` is only ever set by the local runtime (SLACK_API_URL), which points it at its loopback Slack, as
 * it points AWS_ENDPOINT_URL at its loopback AWS.
 */
export function slackNotifier(token: string, channel: string, apiUrl: string | undefined, nameOf: NameOf) {
  return new SlackApprovalNotifier(
    new WebClient(token, apiUrl ? { slackApiUrl: apiUrl } : {}),
    channel,
    nameOf,
  );
}

class SlackApprovalNotifier implements ApprovalNotifier {
  constructor(
    private readonly slack: WebClient,
    private readonly channel: string,
    private readonly nameOf: NameOf,
  ) {}

  async requestApproval(record: GrantRecord) {
    const message = requestMessage(record, this.nameOf);
    if (record.approvalMessage) {
      // An extension: the request's own message asks again, and a reply in its thread notifies the channel
      // (an edit notifies nobody).
      await this.slack.chat.update({ ...record.approvalMessage, ...message });
      const to = escapeMrkdwn(oneLine(record.vendor?.displayName ?? record.principal.arn));
      await this.slack.chat.postMessage({
        channel: record.approvalMessage.channel,
        thread_ts: record.approvalMessage.ts,
        reply_broadcast: true,
        text: `Extension of ${record.id} for ${to} waits for a decision: the buttons are on the request's message.`,
      });
      return record.approvalMessage;
    }
    const { ts, channel } = await this.slack.chat.postMessage({ channel: this.channel, ...message });
    return ts && channel ? { channel, ts } : undefined;
  }

  async announceOutcome(record: GrantRecord, used?: ActivitySummary) {
    if (!record.approvalMessage) return;
    await this.slack.chat.update({ ...record.approvalMessage, ...requestMessage(record, this.nameOf, used) });
  }

  async tellUser(slackUserId: string, _record: GrantRecord | undefined, text: string) {
    await this.slack.chat.postEphemeral({ channel: this.channel, user: slackUserId, text });
  }

  async remind(slackUserId: string, _record: GrantRecord, text: string) {
    // A user id as the channel is the app's direct message with them: they see it outside the approval channel.
    await this.slack.chat.postMessage({ channel: slackUserId, text });
  }
}
