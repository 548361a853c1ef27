import { describe, expect, it } from 'vitest';
import { activityFromCloudTrail, activitySummary } from './activity-record';

const call = (
  overrides: Record<string, unknown> = {},
  issuer = 'arn:aws:iam::000000000000:role/access-broker/access-broker-01abc',
) => ({
  eventID: 'e1',
  eventTime: '2026-11-25T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'eu-west-1',
  sourceIPAddress: '203.0.113.7',
  userAgent: 'aws-cli/2',
  readOnly: true,
  resources: [{ ARN: 'arn:aws:s3:::bucket/key' }],
  userIdentity: {
    type: 'AssumedRole',
    arn: 'arn:aws:sts::000000000000:assumed-role/access-broker-01abc/jane',
    sessionContext: { sessionIssuer: { type: 'Role', arn: issuer } },
  },
  ...overrides,
});

describe('activity from CloudTrail', () => {
  it('reads who, what, when and the outcome of a grant session call', () => {
    expect(activityFromCloudTrail(call())).toEqual({
      requestId: '01abc',
      eventId: 'e1',
      at: '2026-11-25T10:00:00.000Z',
      service: 's3.amazonaws.com',
      action: 'GetObject',
      sessionName: 'jane',
      sourceIp: '203.0.113.7',
      userAgent: 'aws-cli/2',
      region: 'eu-west-1',
      allowed: true,
      readOnly: true,
      resources: ['arn:aws:s3:::bucket/key'],
    });
    expect(activityFromCloudTrail(call({ errorCode: 'AccessDenied' }))).toMatchObject({
      allowed: false,
      errorCode: 'AccessDenied',
    });
  });

  it.each([
    ['a role outside the broker path', call({}, 'arn:aws:iam::000000000000:role/access-broker-01abc')],
    [
      'a role on a deeper path',
      call({}, 'arn:aws:iam::000000000000:role/access-broker/x/access-broker-01abc'),
    ],
    ['another role under the path', call({}, 'arn:aws:iam::000000000000:role/access-broker/admin')],
    ['an IAM user', call({ userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::000000000000:user/x' } })],
    ['no event id', call({ eventID: undefined })],
    ['no valid time', call({ eventTime: 'yesterday' })],
  ])('ignores %s', (_case, record) => {
    expect(activityFromCloudTrail(record)).toBeUndefined();
  });

  it('caps what the caller controls', () => {
    const entry = activityFromCloudTrail(call({ userAgent: 'x'.repeat(10_000) }))!;
    expect(entry.userAgent).toHaveLength(256);
  });

  it('summarises calls, denials and services', () => {
    const allowed = activityFromCloudTrail(call())!;
    const denied = activityFromCloudTrail(
      call({ eventID: 'e2', errorCode: 'AccessDenied', eventSource: 'sts.amazonaws.com' }),
    )!;
    expect(activitySummary([allowed, denied])).toEqual({ calls: 2, denied: 1, services: ['s3', 'sts'] });
  });
});
