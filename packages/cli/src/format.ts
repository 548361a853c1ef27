import type { AuditEntry, Profiles, RequestPage, RequestView, Vendor } from './api-client';

/**
 * A string someone else typed (a justification, a comment, a ticket key), made safe for a terminal: control
 * characters (ANSI escapes included) are shown as `\u001b`-style escapes instead of being obeyed.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
export const shown = (text: string | number | boolean | undefined) =>
  String(text ?? '').replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** JSON for scripts, with the control characters JSON.stringify leaves raw (C1, line separators) escaped. */
export const safeJson = (value: unknown, indent = 2) =>
  JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** Human output: one screen a person can read; --json gives scripts the API's own shapes. */
export function printRequest(request: RequestView) {
  // People by their names, as the API resolved them; ids where it knows no name.
  const who = (actor: string) => request.displayNames?.[actor] ?? actor;
  const lines = [
    `${request.id}  ${request.status}`,
    `  third party   ${request.vendor ? `${request.vendor.displayName} (${request.principal.arn})` : request.principal.arn}`,
    `  access        ${request.profile ?? 'custom policy'}${request.parameters ? ` ${JSON.stringify(request.parameters)}` : ''} for ${grantedFor(request)}`,
    `  requester     ${request.requester.id}${request.ticket ? `  (${request.ticket.system} ${request.ticket.key})` : ''}`,
    `  ${request.targetAccountIds ? `accounts      ${request.targetAccountIds.join(', ')}` : `account       ${request.targetAccountId}`}`,
  ];
  if (request.approvals.length)
    lines.push(`  approved by   ${request.approvals.map((approval) => who(approval.by)).join(', ')}`);
  if (request.decision)
    lines.push(
      `  decision      ${request.decision.outcome} by ${who(request.decision.by)}${quoted(request.decision.comment)}`,
    );
  if (request.grant) {
    const roles = request.grant.roles?.map((role) => role.roleArn) ?? [request.grant.roleArn];
    lines.push(...roles.map((arn) => `  role          ${arn}`));
    if (request.grant.externalId) lines.push(`  external id   ${request.grant.externalId}`);
    lines.push(`  expires       ${request.grant.expiresAt}`);
  } else if (request.expiresAt) {
    lines.push(`  expires       ${request.expiresAt}`);
  }
  if (request.extension)
    lines.push(
      `  extension     ${humanDuration(request.extension.duration)} pending: ${request.extension.justification}`,
    );
  if (request.revocation)
    lines.push(
      `  ended         ${request.revocation.reason} by ${who(request.revocation.by)}${quoted(request.revocation.comment)}`,
    );
  say(...lines);
}

/**
 * One line per request, with when its access ends (or ended); the next page's command repeats the filters, so
 * it continues the same listing. An empty page says so.
 */
export function printList(page: RequestPage, filters: { status?: string; limit?: string }) {
  if (page.items.length === 0 && !page.cursor)
    say(filters.status ? `no requests with status ${filters.status}` : 'no requests yet');
  else if (page.items.length)
    say(
      `${'ID'.padEnd(26)}  ${'STATUS'.padEnd(17)} ${'EXPIRES'.padEnd(20)} ${'PROFILE'.padEnd(15)} THIRD PARTY`,
    );
  for (const item of page.items)
    say(
      `${item.id}  ${item.status.padEnd(17)} ${(item.expiresAt?.replace(/\.\d+Z$/, 'Z') ?? '—').padEnd(20)} ${item.profile.padEnd(15)} ${item.principal}`,
    );
  if (page.cursor) {
    const repeat = [
      ...(filters.status ? [`--status ${filters.status}`] : []),
      ...(filters.limit && filters.limit !== '25' ? [`--limit ${filters.limit}`] : []),
    ];
    say(`more: broker list ${[...repeat, `--cursor ${page.cursor}`].join(' ')}`);
  }
}

export function printAudit(items: AuditEntry[]) {
  for (const entry of items) {
    const why = [entry.detail?.reason, entry.detail?.comment].filter((part) => part !== undefined).join(': ');
    say(
      `${entry.at}  ${entry.action.padEnd(22)} ${entry.displayName ?? entry.actor}${why ? `  (${why})` : ''}`,
    );
  }
}

export function printVendor(vendor: Vendor) {
  say(
    `${vendor.id}  ${vendor.displayName}`,
    ...vendor.principals.map((arn) => `  principal     ${arn}`),
    ...(vendor.credentials === 'access-key'
      ? ['  credentials   an access key per grant, encrypted to its public key']
      : []),
    `  external id   ${vendor.hasExternalId ? "the vendor's own (registered)" : 'generated per grant'}`,
    ...(vendor.suspension
      ? [
          `  SUSPENDED     since ${vendor.suspension.at} by ${vendor.suspension.by}${vendor.suspension.comment ? `: ${vendor.suspension.comment}` : ''}`,
        ]
      : []),
    ...(vendor.webhook ? [`  webhook       ${vendor.webhook.url}`] : []),
    ...(vendor.webhook?.secret
      ? [`  secret        ${vendor.webhook.secret}   (shown once: hand it to the vendor now)`]
      : []),
    `  updated       ${vendor.updatedAt} by ${vendor.updatedBy} (version ${vendor.version})`,
  );
}

/** What each profile grants and who approves it, for people choosing one. */
export function printProfiles({ profiles, customPolicies }: Profiles) {
  for (const profile of profiles) {
    say(`${profile.name}  ${profile.description}`);
    for (const parameter of profile.parameters)
      say(`  --param ${parameter.name}=…   ${parameter.description} (matches ${parameter.pattern})`);
    const grants = [
      ...profile.statements.map(
        (statement) => `${[statement.Action].flat().join(', ')} on ${[statement.Resource].flat().join(', ')}`,
      ),
      ...profile.managedPolicyArns.map((arn) => arn.split('/').pop()!),
    ];
    for (const grant of grants) say(`  grants        ${grant}`);
    say(`  approval      ${approvalRule(profile.approval)}`);
  }
  say(
    customPolicies
      ? `custom policies  ${approvalRule(customPolicies.approval)}`
      : 'custom policies  not accepted',
  );
}

function approvalRule(rule: Profiles['profiles'][number]['approval']): string {
  return [
    `${rule.approvalsRequired} of ${rule.approverGroup}, through ${rule.channels.join(' or ')}`,
    ...(rule.maxDuration ? [`at most ${humanDuration(rule.maxDuration)}`] : []),
    ...(rule.autoApproveUpTo ? [`no approver up to ${humanDuration(rule.autoApproveUpTo)}`] : []),
    ...(rule.requireTicket ? ['a ticket is required'] : []),
  ].join('; ');
}

/** PT2H → "2 hours", P1DT12H → "1 day 12 hours": durations as people say them. */
export function humanDuration(iso: string): string {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match) return iso;
  const units = ['week', 'day', 'hour', 'minute', 'second'];
  const parts = match
    .slice(1)
    .flatMap((value, i) =>
      value && Number(value) > 0 ? [`${Number(value)} ${units[i]}${Number(value) === 1 ? '' : 's'}`] : [],
    );
  return parts.join(' ') || iso;
}

/** The duration asked for, and the one the grant holds now when approved extensions added to it. */
function grantedFor(request: RequestView): string {
  const asked = humanDuration(request.duration);
  if (!request.activatedAt || !request.expiresAt) return asked;
  const seconds = Math.round((Date.parse(request.expiresAt) - Date.parse(request.activatedAt)) / 1000);
  const extra = seconds - durationSecondsOf(request.duration);
  return extra > 0 ? `${asked} + ${humanSeconds(extra)} of extensions` : asked;
}

/** 3900 → "1 hour 5 minutes". */
export function humanSeconds(total: number): string {
  const units: [string, number][] = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  let left = total;
  const parts = units.flatMap(([unit, size]) => {
    const count = Math.floor(left / size);
    left -= count * size;
    return count > 0 ? [`${count} ${unit}${count === 1 ? '' : 's'}`] : [];
  });
  return parts.join(' ') || '0 seconds';
}

/** Seconds in an ISO-8601 duration as the API writes them (weeks to seconds; no months or years). */
function durationSecondsOf(iso: string): number {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match) return 0;
  const [w, d, h, m, s] = match.slice(1).map((value) => Number(value ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return (((w * 7 + d) * 24 + h) * 60 + m) * 60 + s;
}

const quoted = (text: string | undefined) => (text ? `: "${text}"` : '');

/** Every line of human output goes through `shown`: nothing anyone typed reaches the terminal raw. */
export function say(...lines: string[]) {
  console.log(lines.map(shown).join('\n'));
}
