import type { GrantRecord } from './grant-record';

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
