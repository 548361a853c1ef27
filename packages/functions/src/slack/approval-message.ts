import { formatDuration, type GrantRecord } from '@access-broker/core';

type Block = Record<string, unknown>;

const OUTCOME: Partial<Record<GrantRecord['status'], string>> = {
  APPROVED: ':white_check_mark: Approved',
  ACTIVE: ':white_check_mark: Approved, role active',
  DENIED: ':no_entry: Denied',
  APPROVAL_EXPIRED: ':hourglass: Approval expired',
  CANCELLED: ':wastebasket: Cancelled',
};

/** The approval request: a summary of who wants what for how long, and Approve/Deny buttons (value = id only). */
export function approvalRequestBlocks(record: GrantRecord): { text: string; blocks: Block[] } {
  const extension = record.status === 'ACTIVE' ? record.extension : undefined;
  const title = extension
    ? `*Extension request* \`${record.id}\`: ${formatDuration(extension.durationSeconds)} more (expires ${record.expiresAt})`
    : `*Access request* \`${record.id}\``;
  const text = extension
    ? `Extension of ${record.id}: ${record.principal.arn} wants ${formatDuration(extension.durationSeconds)} more of ${access(record)}`
    : `Access request ${record.id}: ${record.principal.arn} wants ${access(record)} for ${formatDuration(record.durationSeconds)}`;
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
            value: record.id,
          },
          {
            type: 'button',
            action_id: 'deny',
            style: 'danger',
            text: { type: 'plain_text', text: 'Deny' },
            value: record.id,
          },
        ],
      },
    ],
  };
}

/** The same message once decided: the buttons give way to the outcome and who decided. */
export function outcomeBlocks(record: GrantRecord): { text: string; blocks: Block[] } {
  const outcome = OUTCOME[record.status] ?? record.status;
  const by = record.decision ? ` by ${record.decision.by}` : '';
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
  const ticket = record.ticket
    ? record.ticket.url
      ? `<${record.ticket.url}|${record.ticket.key}>`
      : record.ticket.key
    : '—';
  return [
    { type: 'mrkdwn', text: `*Third party*\n${record.principal.arn}` },
    { type: 'mrkdwn', text: `*Access*\n${access(record)}` },
    { type: 'mrkdwn', text: `*Duration*\n${formatDuration(record.durationSeconds)}` },
    { type: 'mrkdwn', text: `*Account*\n${record.targetAccountId}` },
    {
      type: 'mrkdwn',
      text: `*Requested by*\n${record.requester.slackUserId ? `<@${record.requester.slackUserId}>` : record.requester.id}`,
    },
    { type: 'mrkdwn', text: `*Ticket*\n${ticket}` },
    { type: 'mrkdwn', text: `*Justification*\n${escape(record.justification).slice(0, 500)}` },
  ];
}

function access(record: GrantRecord): string {
  if (!record.profile) return 'a custom policy';
  const parameters = Object.entries(record.parameters ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return parameters ? `${record.profile} (${parameters})` : record.profile;
}

// Slack mrkdwn control characters: user text must not forge links or mentions.
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
