import { describe, expect, it } from 'vitest';
import type { GrantRecord } from '../requests/request-record';
import { testBroker } from '../testing';
import { activeGrant } from '../testing/use-case-fixtures';
import { revokeGrant } from '../grants/end/end-grant';
import { ACTIVITY_CLOCK_SLACK_MS, type CloudTrailEvent, recordActivity } from './record-activity';

/** A CloudTrail event of one call made with a session of `grant`'s role, as EventBridge delivers it. */
function callOf(grant: GrantRecord, overrides: { envelope?: object; detail?: object; issuer?: string } = {}) {
  const account = grant.targetAccountId;
  const issuer = overrides.issuer ?? grant.roleArn!;
  return {
    source: 'aws.s3',
    'detail-type': 'AWS API Call via CloudTrail',
    account,
    ...overrides.envelope,
    detail: {
      eventID: 'e-1',
      eventTime: new Date(Date.parse(grant.activatedAt!) + 60_000).toISOString(),
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      recipientAccountId: account,
      userIdentity: {
        type: 'AssumedRole',
        accountId: account,
        arn: `arn:aws:sts::${account}:assumed-role/${grant.roleName}/auditor`,
        sessionContext: { sessionIssuer: { type: 'Role', arn: issuer } },
      },
      ...overrides.detail,
    },
  } satisfies CloudTrailEvent;
}

describe('recordActivity', () => {
  it('records a call CloudTrail emitted for a session of the grant role', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    await expect(recordActivity(broker, callOf(grant))).resolves.toBe('recorded');
    expect(await broker.activity.list(grant.id)).toMatchObject([
      { eventId: 'e-1', action: 'GetObject', sessionName: 'auditor' },
    ]);
  });

  it.each([
    ['put on the bus by someone (a custom source)', { envelope: { source: 'vendor.s3' } }],
    ['with a look-alike source', { envelope: { source: 'awsx.s3' } }],
    ['without a source', { envelope: { source: undefined } }],
    ['of another detail-type', { envelope: { 'detail-type': 'AWS Console Sign In via CloudTrail' } }],
  ])('refuses an event %s', async (_case, overrides) => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    await expect(recordActivity(broker, callOf(grant, overrides))).resolves.toBe('not from CloudTrail');
    expect(await broker.activity.list(grant.id)).toEqual([]);
  });

  it.each([
    ['from another account', () => ({ envelope: { account: '999988887777' } })],
    [
      'by a role of the same path and name in another account',
      (g: GrantRecord) => ({ issuer: g.roleArn!.replace(g.targetAccountId, '999988887777') }),
    ],
    ['received by another account', () => ({ detail: { recipientAccountId: '999988887777' } })],
    [
      'an hour before the grant existed',
      (g: GrantRecord) => ({
        detail: { eventTime: new Date(Date.parse(g.activatedAt!) - 3_600_000).toISOString() },
      }),
    ],
    [
      'after its expiry and the clock slack',
      (g: GrantRecord) => ({
        detail: {
          eventTime: new Date(Date.parse(g.expiresAt!) + ACTIVITY_CLOCK_SLACK_MS + 1_000).toISOString(),
        },
      }),
    ],
  ])('refuses a call %s', async (_case, overrides) => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    await expect(recordActivity(broker, callOf(grant, overrides(grant)))).resolves.toBe('not this grant');
    expect(await broker.activity.list(grant.id)).toEqual([]);
  });

  it('keeps denied calls just after the end, within the clock slack', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    const late = new Date(Date.parse(grant.expiresAt!) + ACTIVITY_CLOCK_SLACK_MS - 1_000).toISOString();
    await expect(
      recordActivity(broker, callOf(grant, { detail: { eventTime: late, errorCode: 'AccessDenied' } })),
    ).resolves.toBe('recorded');
  });

  it('dates the end of an early revoke by its teardown', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    broker.clock.advance(10 * 60_000);
    await revokeGrant(broker, { id: grant.id, by: 'alice', reason: 'revoked' });
    const revoked = (await broker.store.get(grant.id))!;
    expect(revoked.revocation?.completedAt).toBeDefined();
    const during = new Date(Date.parse(grant.activatedAt!) + 5 * 60_000).toISOString();
    await expect(recordActivity(broker, callOf(revoked, { detail: { eventTime: during } }))).resolves.toBe(
      'recorded',
    );
  });

  it('never overwrites a recorded event, however the replay is timed or dressed', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    await recordActivity(broker, callOf(grant));
    const replay = callOf(grant, {
      detail: { eventName: 'DeleteObject', errorCode: 'AccessDenied', eventTime: grant.activatedAt },
    });
    await expect(recordActivity(broker, replay)).resolves.toBe('duplicate');
    expect(await broker.activity.list(grant.id)).toMatchObject([
      { eventId: 'e-1', action: 'GetObject', allowed: true },
    ]);
  });

  it('drops calls of a role the broker never provisioned', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    const unknown = callOf(grant, { issuer: grant.roleArn!.replace(grant.id, 'zzzz9999') });
    await expect(recordActivity(broker, unknown)).resolves.toMatch(/not/);
  });
});
