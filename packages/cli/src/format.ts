import type { AuditEntryView, RequestSummary, RequestView } from './api-types';

/** Human output: one screen a person can read; --json gives scripts the API's own shapes. */
export function printRequest(request: RequestView) {
  const lines = [
    `${request.id}  ${request.status}`,
    `  third party   ${request.principal?.arn}`,
    `  access        ${request.profile ?? 'custom policy'}${request.parameters ? ` ${JSON.stringify(request.parameters)}` : ''} for ${request.duration}`,
    `  requester     ${request.requester?.id}${request.ticket ? `  (${request.ticket.system} ${request.ticket.key})` : ''}`,
  ];
  if (request.decision) lines.push(`  decision      ${request.decision.outcome} by ${request.decision.by}`);
  if (request.grant) {
    lines.push(
      `  role          ${request.grant.roleArn}`,
      `  external id   ${request.grant.externalId}`,
      `  expires       ${request.grant.expiresAt}`,
    );
  } else if (request.expiresAt) {
    lines.push(`  expires       ${request.expiresAt}`);
  }
  if (request.revocation)
    lines.push(`  ended         ${request.revocation.reason} by ${request.revocation.by}`);
  console.log(lines.join('\n'));
}

export function printList(page: { items: RequestSummary[]; cursor?: string }) {
  for (const item of page.items)
    console.log(`${item.id}  ${item.status.padEnd(17)} ${item.profile.padEnd(15)} ${item.principal}`);
  if (page.cursor) console.log(`more: broker list --cursor ${page.cursor}`);
}

export function printAudit(items: AuditEntryView[]) {
  for (const entry of items)
    console.log(
      `${entry.at}  ${entry.action.padEnd(22)} ${entry.actor}${entry.detail?.reason ? `  (${entry.detail.reason})` : ''}`,
    );
}
