import type { BrokerEvent } from '@access-broker/core';

export interface MetricPoint {
  name: string;
  unit: 'Count' | 'Milliseconds';
  value: number;
}

const COUNTS: Record<string, string> = {
  'Access Requested': 'RequestsCreated',
  'Access Approved': 'Approvals',
  'Access Denied': 'Denials',
  'Access Granted': 'GrantsActivated',
  'Access Revoked': 'Revocations',
  'Access Expired': 'Expirations',
  'Revocation Failed': 'RevocationFailures',
  'Access Extended': 'Extensions',
};

/**
 * Metrics derived from the outbox's events, so every state change is counted exactly where it is published.
 * Expiry lag is the time from a grant's expiry to its teardown completing. Active grants are
 * GrantsActivated − Expirations − Revocations (CloudWatch metric math), never a racy counter.
 */
export function metricsForEvents(events: readonly BrokerEvent[]): MetricPoint[] {
  return events.flatMap((event) => {
    const points: MetricPoint[] = [];
    const count = COUNTS[event.detailType];
    if (count) points.push({ name: count, unit: 'Count', value: 1 });
    if (event.detailType === 'Access Expired' && event.detail.expiresAt) {
      points.push({
        name: 'ExpiryLag',
        unit: 'Milliseconds',
        value: Math.max(0, Date.parse(event.time) - Date.parse(event.detail.expiresAt)),
      });
    }
    return points;
  });
}
