import type { GrantRecord } from '../requests/request-record';

/** What an approver would be deciding on right now: the request itself, an extension of it, or nothing. */
export function pendingDecision(record: GrantRecord): 'request' | 'extension' | undefined {
  if (record.status === 'PENDING_APPROVAL') return 'request';
  if (record.status === 'ACTIVE' && record.extension && !record.extension.approved) return 'extension';
  return undefined;
}

/** Approvals collected so far for whatever is pending. */
export function pendingApprovals(record: GrantRecord) {
  return pendingDecision(record) === 'extension' ? record.extension!.approvals : record.approvals;
}

/**
 * Which decision is pending: the request itself, or one particular extension of it. A Slack button carries the
 * round it was shown for, so a click on an old message can never decide a later extension.
 */
export function decisionRound(record: GrantRecord): string | undefined {
  const pending = pendingDecision(record);
  if (pending === 'request') return 'request';
  if (pending === 'extension') return `extension-${Date.parse(record.extension!.requestedAt).toString(36)}`;
  return undefined;
}
