import { WebClient } from '@slack/web-api';
import type { BrokerConfig } from '@access-broker/core';
import { SlackApprovalNotifier } from '../../slack/slack-notifier';
import { readSecret } from './secrets';

/**
 * Slack's Web API with the bot token from SSM. SLACK_API_URL is only ever set by the local runtime, which
 * points it at its loopback Slack (as it points AWS_ENDPOINT_URL at its loopback AWS).
 */
export async function slackNotifier(config: Pick<BrokerConfig, 'slack'>, botTokenParameter: string) {
  const channel = config.slack?.approvalChannel;
  if (!channel) throw new Error('config.slack.approvalChannel is required for Slack approvals');
  const token = await readSecret(botTokenParameter);
  const apiUrl = process.env.SLACK_API_URL;
  return new SlackApprovalNotifier(new WebClient(token, apiUrl ? { slackApiUrl: apiUrl } : {}), channel);
}
