import {
  type ActivitySummary,
  type Approval,
  decisionRound,
  describeDuration,
  type GrantRecord,
  pendingDecision,
} from '@access-broker/core';
import { escapeMrkdwn, field, fitEscaped, link, oneLine, SLACK_LIMITS } from './mrkdwn';

type Block = Record<string, unknown>;
/** How an actor is shown: the person's display name (identity/resolve-person.ts), not `slack:U0…`. */
export type NameOf = (actor: string) => string;
const asRecorded: NameOf = (actor) => actor;

/** The request's one message as the request stands: the question while pending, else where the grant is. */
export function requestMessage(record: GrantRecord, nameOf: NameOf, used?: ActivitySummary) {
  return pendingDecision(record)
    ? approvalRequestBlocks(record, nameOf)
    : outcomeBlocks(record, used, nameOf);
}

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

export function approvalRequestBlocks(
  record: GrantRecord,
  nameOf: NameOf = asRecorded,
): { text: string; blocks: Block[] } {
  const extension = record.status === 'ACTIVE' ? record.extension : undefined;
  const title = extension
    ? `*Extension request* \`${record.id}\`: ${describeDuration(extension.durationSeconds)} more (expires ${record.expiresAt})`
    : `*Access request* \`${record.id}\``;
  const text = fitEscaped(
    extension
      ? `Extension of ${record.id}: ${thirdParty(record)} wants ${describeDuration(extension.durationSeconds)} more of ${access(record)}`
      : `Access request ${record.id}: ${thirdParty(record)} wants ${access(record)} for ${describeDuration(record.durationSeconds)}`,
    SLACK_LIMITS.messageText,
  );
  const value = `${record.id}:${decisionRound(record) ?? 'none'}`;
  const approvals = extension ? extension.approvals : record.approvals;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: title } },
      { type: 'section', fields: summaryFields(record, nameOf) },
      ...(approvals.length
        ? [
            {
              type: 'context',
              elements: [{ type: 'mrkdwn', text: `So far approved by ${approvedBy(approvals, nameOf)}` }],
            },
          ]
        : []),
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

/**
 * The same message as the grant moves on: the buttons give way to where the grant stands, who moved it and
 * when — times as Slack date tokens, which each reader sees in their own time zone — and, at the end, what
 * the grant was used for.
 */
export function outcomeBlocks(
  record: GrantRecord,
  summary?: ActivitySummary,
  nameOf: NameOf = asRecorded,
): { text: string; blocks: Block[] } {
  const line = statusLine(record, nameOf);
  const used = summary
    ? `Used: ${summary.calls} AWS call${summary.calls === 1 ? '' : 's'}, ${summary.denied} denied${summary.services.length ? ` (${summary.services.map((service) => escapeMrkdwn(oneLine(service))).join(', ')})` : ''}`
    : undefined;
  return {
    // The line is escaped already: only its date tokens are turned back into text.
    text: `Access request ${record.id}: ${plain(line)}`.slice(0, SLACK_LIMITS.messageText),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*Access request* \`${record.id}\`` } },
      { type: 'section', fields: summaryFields(record, nameOf) },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: line }, ...(used ? [{ type: 'mrkdwn', text: used }] : [])],
      },
    ],
  };
}

/** A time every reader sees in their own zone; the ISO fallback is for clients that cannot format it. */
const when = (iso: string) =>
  `<!date^${Math.floor(Date.parse(iso) / 1000)}^{date_short_pretty} at {time}|${iso}>`;
const who = (actor: string, nameOf: NameOf) => fitEscaped(oneLine(nameOf(actor)), 200);
const approvedBy = (approvals: readonly Approval[], nameOf: NameOf) =>
  approvals.map((approval) => who(`${approval.channel}:${approval.by}`, nameOf)).join(', ');
const why = (comment?: string) => (comment ? `: ${fitEscaped(oneLine(comment), 300)}` : '');
// Slack's plain-text fallback: the date tokens as their ISO fallback.
const plain = (line: string) => line.replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1');

/** The extension applied last, as its line says it: how much more, and who approved it. */
function extendedBy(record: GrantRecord, nameOf: NameOf): string {
  const last = record.lastExtension;
  if (!last) return '';
  const by = last.approvals.length ? `, approved by ${approvedBy(last.approvals, nameOf)}` : '';
  return `extended ${describeDuration(last.durationSeconds)} ${when(last.at)}${by}; `;
}

function statusLine(record: GrantRecord, nameOf: NameOf): string {
  const decided = record.decision
    ? ` by ${who(record.decision.by, nameOf)}${why(record.decision.comment)}`
    : '';
  const ended = record.revocation;
  switch (record.status) {
    case 'ACTIVE':
      return `:white_check_mark: Active until ${when(record.expiresAt!)} (${extendedBy(record, nameOf)}approved${decided})`;
    case 'PROVISIONING':
      return `:gear: Approved${decided}; making the role`;
    case 'REVOKING':
      return `:hourglass_flowing_sand: Ending (${ended?.reason ?? 'revoked'})`;
    case 'REVOKED':
      return ended?.reason === 'expired'
        ? `:stopwatch: Expired ${when(record.updatedAt)}; the role is gone`
        : `:no_entry_sign: Revoked by ${who(ended?.by ?? 'unknown', nameOf)}${why(ended?.comment)} ${when(record.updatedAt)}; the role is gone`;
    case 'FAILED':
      return `:x: Provisioning failed ${when(record.updatedAt)}; nothing was left behind`;
    case 'REVOKE_FAILED':
      return `:rotating_light: Teardown failed ${when(record.updatedAt)}: on-call is paged, the sweeper keeps trying`;
    default:
      return `${OUTCOME[record.status] ?? record.status}${decided}`;
  }
}

function summaryFields(record: GrantRecord, nameOf: NameOf) {
  // Slack shows a mention as the person's own name; else the name of the person the broker took them for.
  const requester = record.requester.slackUserId
    ? `<@${record.requester.slackUserId}>`
    : fitEscaped(oneLine(nameOf(record.requester.person ?? record.requester.id)), 200);
  const ticket = record.ticket
    ? link(record.ticket.url, `${record.ticket.system}:${record.ticket.key}`, SLACK_LIMITS.field - 20)
    : '—';
  return [
    field('Third party', oneLine(thirdParty(record))),
    field('Access', oneLine(access(record))),
    field('Duration', grantedFor(record)),
    record.targetAccountIds
      ? field(
          `Accounts (${record.targetAccountIds.length}, one role each)`,
          record.targetAccountIds.join(', '),
        )
      : field('Account', record.targetAccountId),
    // Already escaped: a Slack user id mention (validated as one) or the escaped requester id.
    { type: 'mrkdwn', text: `*Requested by*\n${requester}` },
    { type: 'mrkdwn', text: `*Ticket*\n${ticket}` },
    field('Justification', record.justification),
  ];
}

/** What was asked, and what the grant holds now when extensions added to it. */
function grantedFor(record: GrantRecord): string {
  const asked = describeDuration(record.durationSeconds);
  if (!record.activatedAt || !record.expiresAt) return asked;
  const granted = Math.round((Date.parse(record.expiresAt) - Date.parse(record.activatedAt)) / 1000);
  return granted > record.durationSeconds ? `${asked} (${describeDuration(granted)} with extensions)` : asked;
}

function access(record: GrantRecord): string {
  if (!record.profile) return 'a custom policy';
  const parameters = Object.entries(record.parameters ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return parameters ? `${record.profile} (${parameters})` : record.profile;
}
