import { WebClient } from '@slack/web-api';
import { Config } from 'sst/node/config';
import type { BrokerConfig } from '@access-broker/core';
import { SlackApprovalNotifier } from '../../slack/slack-notifier';

/** Secrets come from SST Config (SSM, fetched once at cold start by sst/node/config). */
export function slackNotifier(config: Pick<BrokerConfig, 'slack'>) {
  const channel = config.slack?.approvalChannel;
  if (!channel) throw new Error('config.slack.approvalChannel is required for Slack approvals');
  return new SlackApprovalNotifier(new WebClient(Config.SLACK_BOT_TOKEN), channel);
}

export function slackSigningSecret(): string {
  return Config.SLACK_SIGNING_SECRET;
}
