import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from './api';
import { activityBuckets } from './activity-buckets';

const call = (at: string, service: string, allowed = true): ActivityRecord => ({
  requestId: 'r',
  eventId: `${at}-${service}-${allowed}`,
  at,
  service,
  action: 'GetObject',
  sessionName: 'auditor',
  allowed,
});

describe('activityBuckets', () => {
  it('counts calls per service per bucket, and the denied ones on their own', () => {
    const buckets = activityBuckets([
      call('2026-12-06T10:00:00.200Z', 's3.amazonaws.com'),
      call('2026-12-06T10:00:00.900Z', 's3.amazonaws.com', false),
      call('2026-12-06T10:00:02.000Z', 'ec2.amazonaws.com'),
    ]);
    expect(buckets.bucket).toBe(1);
    expect(buckets.services).toEqual(['ec2.amazonaws.com', 's3.amazonaws.com']);
    const start = Date.parse('2026-12-06T10:00:00Z') / 1000;
    expect(buckets.xs).toEqual([start, start + 1, start + 2]);
    expect(buckets.counts).toEqual([
      [0, 0, 1],
      [2, 0, 0],
    ]);
    expect(buckets.denied).toEqual([1, null, null]);
  });

  it('keeps about 60 buckets over a long grant', () => {
    const hours = [0, 1, 2, 3].map((hour) => call(`2026-12-06T1${hour}:00:00Z`, 's3.amazonaws.com'));
    const buckets = activityBuckets(hours);
    expect(buckets.bucket).toBe(181);
    expect(buckets.xs.length).toBeLessThanOrEqual(61);
    expect(buckets.counts[0]!.reduce((sum, count) => sum + count, 0)).toBe(4);
  });
});
