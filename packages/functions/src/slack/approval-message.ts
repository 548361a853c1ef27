import { decisionRound, formatDuration, type GrantRecord } from '@access-broker/core';
import { escapeMrkdwn, field, fitEscaped, link, oneLine, SLACK_LIMITS } from './mrkdwn';

type Block = Record<string, unknown>;

const OUTCOME: Partial<Record<GrantRecord['status'], string>> = {
  APPROVED: ':white_check_mark: Approved',
  ACTIVE: ':white_check_mark: Approved, role active',
  DENIED: ':no_entry: Denied',
  APPROVAL_EXPIRED: ':hourglass: Approval expired',
  CANCELLED: ':wastebasket: Cancelled',
};

/**
 * The approval request: a summary of who wants what for how long, and Approve/Deny buttons. Each button's
 * value is `<request id>:<decision round>`, so a click decides only the round it was shown for.
 */
/** The vendor's name where the request named one (the ARN still shown: it is what the role trusts). */
const thirdParty = (record: GrantRecord) =>
  record.vendor ? `${record.vendor.displayName} (${record.principal.arn})` : record.principal.arn;

export function approvalRequestBlocks(record: GrantRecord): { text: string; blocks: Block[] } {
  const extension = record.status === 'ACTIVE' ? record.extension : undefined;
  const title = extension
    ? `*Extension request* \`${record.id}\`: ${formatDuration(extension.durationSeconds)} more (expires ${record.expiresAt})`
    : `*Access request* \`${record.id}\``;
  const text = fitEscaped(
    extension
      ? `Extension of ${record.id}: ${thirdParty(record)} wants ${formatDuration(extension.durationSeconds)} more of ${access(record)}`
      : `Access request ${record.id}: ${thirdParty(record)} wants ${access(record)} for ${formatDuration(record.durationSeconds)}`,
    SLACK_LIMITS.messageText,
  );
  const value = `${record.id}:${decisionRound(record) ?? 'none'}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: title } },
      { type: 'section', fields: summaryFields(record) },
      {
        type: 'actions',
        block_id: 'decision',
        elements: [
          {
            type: 'button',
            action_id: 'approve',
            style: 'primary',
            text: { type: 'plain_text', text: 'Approve' },
            value,
          },
          {
            type: 'button',
            action_id: 'deny',
            style: 'danger',
            text: { type: 'plain_text', text: 'Deny' },
            value,
          },
        ],
      },
    ],
  };
}

/** The same message once decided: the buttons give way to the outcome and who decided. */
export function outcomeBlocks(record: GrantRecord): { text: string; blocks: Block[] } {
  const outcome = OUTCOME[record.status] ?? record.status;
  const by = record.decision ? ` by ${escapeMrkdwn(oneLine(record.decision.by))}` : '';
  const text = `Access request ${record.id}: ${outcome}${by}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*Access request* \`${record.id}\`` } },
      { type: 'section', fields: summaryFields(record) },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${outcome}${by}` }] },
    ],
  };
}

function summaryFields(record: GrantRecord) {
  const requester = record.requester.slackUserId
    ? `<@${record.requester.slackUserId}>`
    : fitEscaped(oneLine(record.requester.id), 200);
  const ticket = record.ticket
    ? link(record.ticket.url, `${record.ticket.system}:${record.ticket.key}`, SLACK_LIMITS.field - 20)
    : '—';
  return [
    field('Third party', oneLine(thirdParty(record))),
    field('Access', oneLine(access(record))),
    field('Duration', formatDuration(record.durationSeconds)),
    field('Account', record.targetAccountId),
    // Already escaped: a Slack user id mention (validated as one) or the escaped requester id.
    { type: 'mrkdwn', text: `*Requested by*\n${requester}` },
    { type: 'mrkdwn', text: `*Ticket*\n${ticket}` },
    field('Justification', record.justification),
  ];
}

function access(record: GrantRecord): string {
  if (!record.profile) return 'a custom policy';
  const parameters = Object.entries(record.parameters ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return parameters ? `${record.profile} (${parameters})` : record.profile;
}
