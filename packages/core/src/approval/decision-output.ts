import type { GrantRecord } from '../requests/request-record';

/** What the workflow receives when it is resumed: the route to take, nothing secret. */
export function decisionOutput(record: GrantRecord): {
  decision: 'approved' | 'denied' | 'closed';
  startAt?: string;
} {
  // PROVISIONING: a workflow restarted mid-provisioning carries on provisioning.
  const approved =
    record.status === 'APPROVED' ||
    record.status === 'PROVISIONING' ||
    (record.status === 'ACTIVE' && record.extension?.approved === true);
  const decision = approved ? 'approved' : record.status === 'DENIED' ? 'denied' : 'closed';
  return { decision, ...(record.startAt && record.status === 'APPROVED' ? { startAt: record.startAt } : {}) };
}
