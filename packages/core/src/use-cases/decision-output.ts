import type { GrantRecord } from '../grant/grant-record';

/** What the workflow receives when it is resumed: the route to take, nothing secret. */
export function decisionOutput(record: GrantRecord): {
  decision: 'approved' | 'denied' | 'closed';
  startAt?: string;
} {
  const decision =
    record.status === 'APPROVED' ? 'approved' : record.status === 'DENIED' ? 'denied' : 'closed';
  return { decision, ...(record.startAt ? { startAt: record.startAt } : {}) };
}
