import type { AuditEntry, RequestPage, RequestView } from './api-client';

/** Human output: one screen a person can read; --json gives scripts the API's own shapes. */
export function printRequest(request: RequestView) {
  const lines = [
    `${request.id}  ${request.status}`,
    `  third party   ${request.principal.arn}`,
    `  access        ${request.profile ?? 'custom policy'}${request.parameters ? ` ${JSON.stringify(request.parameters)}` : ''} for ${request.duration}`,
    `  requester     ${request.requester.id}${request.ticket ? `  (${request.ticket.system} ${request.ticket.key})` : ''}`,
  ];
  if (request.decision)
    lines.push(
      `  decision      ${request.decision.outcome} by ${request.decision.by}${quoted(request.decision.comment)}`,
    );
  if (request.grant) {
    lines.push(`  role          ${request.grant.roleArn}`);
    if (request.grant.externalId) lines.push(`  external id   ${request.grant.externalId}`);
    lines.push(`  expires       ${request.grant.expiresAt}`);
  } else if (request.expiresAt) {
    lines.push(`  expires       ${request.expiresAt}`);
  }
  if (request.extension)
    lines.push(`  extension     ${request.extension.duration} pending: ${request.extension.justification}`);
  if (request.revocation)
    lines.push(
      `  ended         ${request.revocation.reason} by ${request.revocation.by}${quoted(request.revocation.comment)}`,
    );
  console.log(lines.join('\n'));
}

/** The next page's command repeats the filters, so it continues the same listing. */
export function printList(page: RequestPage, filters: { status?: string; limit?: string }) {
  for (const item of page.items)
    console.log(`${item.id}  ${item.status.padEnd(17)} ${item.profile.padEnd(15)} ${item.principal}`);
  if (page.cursor) {
    const repeat = [
      ...(filters.status ? [`--status ${filters.status}`] : []),
      ...(filters.limit && filters.limit !== '25' ? [`--limit ${filters.limit}`] : []),
    ];
    console.log(`more: broker list ${[...repeat, `--cursor ${page.cursor}`].join(' ')}`);
  }
}

export function printAudit(items: AuditEntry[]) {
  for (const entry of items) {
    const why = [entry.detail?.reason, entry.detail?.comment].filter((part) => part !== undefined).join(': ');
    console.log(`${entry.at}  ${entry.action.padEnd(22)} ${entry.actor}${why ? `  (${why})` : ''}`);
  }
}

const quoted = (text: string | undefined) => (text ? `: "${text}"` : '');
