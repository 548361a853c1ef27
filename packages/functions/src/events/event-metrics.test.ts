import { Metrics } from '@aws-lambda-powertools/metrics';
import type { BrokerEvent } from '@access-broker/core';
import { describe, expect, it } from 'vitest';
import { metricsForEvents } from './event-metrics';

const event = (detailType: string, time: string, expiresAt?: string): BrokerEvent => ({
  source: 'access-broker',
  detailType,
  id: 'r1:7',
  time,
  detail: {
    eventId: 'r1:7',
    requestId: 'r1',
    status: 'REVOKED',
    principal: 'arn:aws:iam::111122223333:root',
    targetAccountId: '123456789012',
    actor: 'sweeper',
    ...(expiresAt ? { expiresAt } : {}),
  },
});

describe('metricsForEvents', () => {
  it('counts each lifecycle event and measures expiry lag, as EMF the Powertools way', () => {
    const points = metricsForEvents([
      event('Access Granted', '2026-11-23T12:00:00.000Z'),
      event('Access Expired', '2026-11-23T14:00:01.250Z', '2026-11-23T14:00:00.000Z'),
      event('Revocation Failed', '2026-11-23T14:00:02.000Z'),
    ]);
    expect(points).toEqual([
      { name: 'GrantsActivated', unit: 'Count', value: 1 },
      { name: 'Expirations', unit: 'Count', value: 1 },
      { name: 'ExpiryLag', unit: 'Milliseconds', value: 1250 },
      { name: 'RevocationFailures', unit: 'Count', value: 1 },
    ]);
    const metrics = new Metrics({ namespace: 'AccessBroker', serviceName: 'access-broker' });
    for (const point of points) metrics.addMetric(point.name, point.unit, point.value);
    const emf = metrics.serializeMetrics();
    expect(emf._aws.CloudWatchMetrics[0]!.Namespace).toBe('AccessBroker');
    expect(emf).toMatchObject({ GrantsActivated: 1, ExpiryLag: 1250, RevocationFailures: 1 });
  });
});
