import { scheduleName } from '@access-broker/aws';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  auditRequest,
  type BrokerUnderTest,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';
import { s3OfSession } from './support/session-credentials';

let broker: BrokerUnderTest | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

async function activeGrant(b: BrokerUnderTest, duration = 'PT3S') {
  const { body } = await b.api('POST', '/v1/requests', {
    token: b.description.tokens.requester,
    body: auditRequest({ duration }),
  });
  await b.api('POST', `/v1/requests/${body.id}/decision`, {
    token: b.description.tokens.approver,
    body: { decision: 'approve' },
  });
  return statusOf(b, body.id, 'ACTIVE');
}
const grantRoles = (b: BrokerUnderTest) =>
  [...b.aws.state.roles.values()]
    .filter((role) => role.path === '/access-broker/')
    .map((role) => role.roleName);
const audit = async (b: BrokerUnderTest, id: string) =>
  (await b.api('GET', `/v1/requests/${id}/audit`, { token: b.description.tokens.admin })).body.items as {
    action: string;
    actor: string;
  }[];
const untilPast = (iso: string) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(iso) - Date.now() + 50)));

describe('teardown at expiry, whatever fails', () => {
  it('still tears down within one sweep interval when the schedule is lost', async () => {
    broker = await startBrokerUnderTest({ sweepIntervalMs: 500 });
    const grant = await activeGrant(broker);
    broker.scheduler.lose(scheduleName(grant.id));
    const revoked = await statusOf(broker, grant.id, 'REVOKED');
    expect(revoked.revocation).toMatchObject({ reason: 'expired', by: 'sweeper' });
    expect(
      Date.parse(revoked.revocation.completedAt) - Date.parse(grant.grant.expiresAt),
    ).toBeGreaterThanOrEqual(0);
    expect(grantRoles(broker)).toEqual([]);
  });

  it('denies a session opened before expiry as soon as expiry passes, before any teardown runs', async () => {
    // No sweeper and no schedule: only IAM's own conditions stand between the session and the data.
    broker = await startBrokerUnderTest({ sweepIntervalMs: 3_600_000 });
    const grant = await activeGrant(broker, 'PT4S');
    broker.scheduler.lose(scheduleName(grant.id));
    const { awsEndpoint, demoThirdParty } = broker.description;
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: awsEndpoint,
      credentials: demoThirdParty,
      maxAttempts: 1,
    });
    const assume = () =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: grant.grant.roleArn,
          RoleSessionName: 'audit',
          ExternalId: grant.grant.externalId,
        }),
      );
    const { Credentials } = await assume();
    const s3 = s3OfSession(awsEndpoint, Credentials);
    const read = () =>
      s3.send(new GetObjectCommand({ Bucket: 'awsproduction345', Key: 'evidence/2026/report.csv' }));
    await expect(read()).rejects.toMatchObject({ name: 'NoSuchKey' }); // allowed: the object just does not exist
    await expect(s3.send(new GetObjectCommand({ Bucket: 'another-bucket', Key: 'x' }))).rejects.toMatchObject(
      { name: 'AccessDenied' },
    );

    await untilPast(grant.grant.expiresAt);
    expect(grantRoles(broker)).toContain(`access-broker-${grant.id}`); // teardown has not run
    await expect(read()).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assume()).rejects.toMatchObject({ name: 'AccessDenied' });

    await broker.sweepNow();
    expect(grantRoles(broker)).toEqual([]);
    sts.destroy();
    s3.destroy();
  });

  it('runs one teardown when an early revoke races the schedule and the sweeper, and surfaces no error', async () => {
    broker = await startBrokerUnderTest({ sweepIntervalMs: 3_600_000 });
    const grant = await activeGrant(broker, 'PT2S');
    await untilPast(grant.grant.expiresAt);
    const [revoke] = await Promise.all([
      broker.api('POST', `/v1/requests/${grant.id}/revoke`, {
        token: broker.description.tokens.approver,
        body: { reason: 'done early' },
      }),
      broker.scheduler.fireNow(scheduleName(grant.id)),
      broker.sweepNow(),
      broker.sweepNow(),
    ]);
    expect(revoke.status).toBe(202);
    const ended = await statusOf(broker, grant.id, 'REVOKED');
    const actions = (await audit(broker, grant.id)).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'REVOCATION_STARTED')).toHaveLength(1);
    expect(actions.filter((action) => action === 'REVOKED' || action === 'EXPIRED')).toHaveLength(1);
    expect(ended.revocation.attempts).toBe(1);
    expect(grantRoles(broker)).toEqual([]);
  });

  it('keeps every expiry across a restart, losing and duplicating nothing', async () => {
    broker = await startBrokerUnderTest({ sweepIntervalMs: 500 });
    const home = broker.home;
    const grants = await Promise.all(Array.from({ length: 5 }, () => activeGrant(broker!, 'PT4S')));
    await broker.stop();
    broker = await startBrokerUnderTest({ home, sweepIntervalMs: 500 });
    for (const grant of grants) await statusOf(broker, grant.id, 'REVOKED');
    expect(grantRoles(broker)).toEqual([]);
    const all = (
      await broker.api('GET', '/v1/requests?limit=100', { token: broker.description.tokens.admin })
    ).body.items;
    expect(all.map((item: { id: string }) => item.id).sort()).toEqual(grants.map((grant) => grant.id).sort());
    for (const grant of grants) {
      expect((await audit(broker, grant.id)).filter((entry) => entry.action === 'EXPIRED')).toHaveLength(1);
    }
  });

  it('carries a request waiting for approval across a restart: its workflow resumes and the approval lands', async () => {
    broker = await startBrokerUnderTest({ sweepIntervalMs: 3_600_000 });
    const home = broker.home;
    const { body } = await broker.api('POST', '/v1/requests', {
      token: broker.description.tokens.requester,
      body: auditRequest({ duration: 'PT1M' }),
    });
    await broker.waitFor('the workflow to wait for a decision', async () =>
      (await audit(broker!, body.id)).at(-1)?.action === 'WAITING_FOR_DECISION' ? true : undefined,
    );
    // A second broker on a home in use would cut the first one's logs off: refused.
    await expect(startBrokerUnderTest({ home })).rejects.toThrow(/another local broker/);
    await broker.stop();
    broker = await startBrokerUnderTest({ home, sweepIntervalMs: 3_600_000 });
    await broker.waitFor('the resumed workflow to wait again', async () =>
      (await audit(broker!, body.id)).filter((entry) => entry.action === 'WAITING_FOR_DECISION').length === 2
        ? true
        : undefined,
    );
    await broker.api('POST', `/v1/requests/${body.id}/decision`, {
      token: broker.description.tokens.approver,
      body: { decision: 'approve' },
    });
    await statusOf(broker, body.id, 'ACTIVE');
  });

  it('removes a role whose grant never made it into the store (a crash between CreateRole and the write)', async () => {
    broker = await startBrokerUnderTest({ limits: { orphanGracePeriod: 'PT1S' } });
    const live = await activeGrant(broker, 'PT1M');
    const template = broker.aws.state.role('000000000000', `access-broker-${live.id}`)!;
    broker.aws.state.putRole({
      ...structuredClone(template),
      roleName: 'access-broker-01crashed',
      arn: template.arn.replace(live.id, '01crashed'),
      createDate: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(await broker.reconcileNow()).toEqual({ removed: 1 });
    expect(grantRoles(broker)).toEqual([`access-broker-${live.id}`]);
  });
});

describe('extending a grant', () => {
  it('moves the expiry, the IAM conditions and the schedule when approved, and nothing when denied', async () => {
    broker = await startBrokerUnderTest({ sweepIntervalMs: 3_600_000 });
    const { tokens } = broker.description;
    const grant = await activeGrant(broker, 'PT30S');
    const asked = await broker.api('POST', `/v1/requests/${grant.id}/extend`, {
      token: tokens.requester,
      body: { duration: 'PT20S', justification: 'fieldwork ran long' },
    });
    expect(asked.status).toBe(202);
    expect(asked.body.extension).toMatchObject({ duration: 'PT20S', approved: false });
    await broker.waitFor('the extension to wait for a decision', async () =>
      (await audit(broker!, grant.id)).at(-1)?.action === 'WAITING_FOR_DECISION' ? true : undefined,
    );
    await broker.api('POST', `/v1/requests/${grant.id}/decision`, {
      token: tokens.approver,
      body: { decision: 'approve' },
    });
    const newExpiry = new Date(Date.parse(grant.grant.expiresAt) + 20_000).toISOString();
    const extended = await broker.waitFor('the new expiry', async () => {
      const { body } = await broker!.api('GET', `/v1/requests/${grant.id}`, { token: tokens.requester });
      return body.expiresAt === newExpiry ? body : undefined;
    });
    expect(extended.grant.expiresAt).toBe(newExpiry);
    expect(broker.aws.state.role('000000000000', `access-broker-${grant.id}`)!.trustPolicy).toContain(
      newExpiry,
    );
    await broker.eventsDelivered();
    expect(broker.events.map((event) => event.detailType)).toContain('Access Extended');

    await broker.api('POST', `/v1/requests/${grant.id}/extend`, {
      token: tokens.requester,
      body: { duration: 'PT20S', justification: 'and more' },
    });
    await broker.waitFor('the second extension to wait', async () =>
      (await audit(broker!, grant.id)).at(-1)?.action === 'WAITING_FOR_DECISION' ? true : undefined,
    );
    const denied = await broker.api('POST', `/v1/requests/${grant.id}/decision`, {
      token: tokens.approver,
      body: { decision: 'deny' },
    });
    expect(denied.body).toMatchObject({ status: 'ACTIVE', expiresAt: newExpiry });
    expect(denied.body.extension).toBeUndefined();
    await broker.stepFunctions.settled();
    expect(broker.aws.state.role('000000000000', `access-broker-${grant.id}`)!.trustPolicy).toContain(
      newExpiry,
    );
  });
});
