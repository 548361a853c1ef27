import { beforeEach, describe, expect, it } from 'vitest';
import {
  auditRequest,
  brokerForFile,
  type BrokerUnderTest,
  decideWhenWaiting,
  statusOf,
} from './support/broker-under-test';

const current = brokerForFile();
let broker: BrokerUnderTest;
beforeEach(() => void (broker = current()));

const tokens = () => broker.description.tokens;
async function activeGrant() {
  const { body } = await broker.api('POST', '/v1/requests', {
    token: tokens().requester,
    body: auditRequest({ duration: 'PT5M' }),
  });
  await decideWhenWaiting(broker, body.id);
  return statusOf(broker, body.id, 'ACTIVE');
}

describe('the local contract for people', () => {
  it('gives each person one token and one Slack id, and a second ticketing client', () => {
    expect(Object.keys(tokens()).sort()).toEqual([
      'admin',
      'approver',
      'approver2',
      'requester',
      'requester2',
    ]);
    expect(broker.description.slack).toMatchObject({
      approverUserId: 'U0LOCALAPPROVER',
      approver2UserId: 'U0LOCALAPPROVER2',
      adminUserId: 'U0LOCALADMIN',
    });
  });
});

describe('visibility', () => {
  it('hides a grant from another ticketing client entirely: no read, no list, no trail, no extension', async () => {
    const grant = await activeGrant();
    const other = tokens().requester2;
    expect((await broker.api('GET', `/v1/requests/${grant.id}`, { token: other })).status).toBe(404);
    expect((await broker.api('GET', `/v1/requests/${grant.id}/audit`, { token: other })).status).toBe(404);
    const listed = await broker.api('GET', '/v1/requests?limit=100', { token: other });
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(grant.id);
    const extend = await broker.api('POST', `/v1/requests/${grant.id}/extend`, {
      token: other,
      body: { duration: 'PT1H', justification: 'not mine' },
    });
    expect(extend.status).toBe(404);
    expect(
      (await broker.api('GET', `/v1/requests/${grant.id}`, { token: tokens().admin })).body.extension,
    ).toBeUndefined();
  }, 30_000);

  it('shows approvers what they decide without the External ID; the filer and admins see it', async () => {
    const grant = await activeGrant();
    const asApprover = await broker.api('GET', `/v1/requests/${grant.id}`, { token: tokens().approver });
    expect(asApprover.status).toBe(200);
    expect(asApprover.body.grant.roleArn).toBe(grant.grant.roleArn);
    expect(asApprover.body.grant.externalId).toBeUndefined();
    expect(JSON.stringify(asApprover.body)).not.toContain(grant.grant.externalId);
    const asFiler = await broker.api('GET', `/v1/requests/${grant.id}`, { token: tokens().requester });
    expect(asFiler.body.grant.externalId).toBe(grant.grant.externalId);
    const asAdmin = await broker.api('GET', `/v1/requests/${grant.id}`, { token: tokens().admin });
    expect(asAdmin.body.grant.externalId).toBe(grant.grant.externalId);
  }, 30_000);
});

describe('people, not identities', () => {
  it('needs two different people for dual control, however many identities one of them uses', async () => {
    const { body } = await broker.api('POST', '/v1/requests', {
      token: tokens().requester,
      body: auditRequest({ profile: 'dual-control-read', duration: 'PT5M' }),
    });
    await statusOf(broker, body.id, 'PENDING_APPROVAL');
    await broker.waitFor('the approval message', async () =>
      (await broker.outbox()).find(
        (m) => m.method === 'chat.postMessage' && JSON.stringify(m).includes(body.id),
      ),
    );
    const byApi = await broker.api('POST', `/v1/requests/${body.id}/decision`, {
      token: tokens().approver,
      body: { decision: 'approve' },
    });
    expect(byApi.status).toBe(200);
    // The same person again, now through Slack: refused privately, nothing counted.
    const { approverUserId, approver2UserId } = broker.description.slack;
    expect(await broker.slackClick(body.id, 'approve', { user: approverUserId })).toBe(200);
    expect((await broker.outbox()).at(-1)).toMatchObject({
      method: 'chat.postEphemeral',
      user: approverUserId,
      text: expect.stringMatching(/already approved/),
    });
    expect((await statusOf(broker, body.id, 'PENDING_APPROVAL')).approvals).toHaveLength(1);
    expect(await broker.slackClick(body.id, 'approve', { user: approver2UserId })).toBe(200);
    const active = await statusOf(broker, body.id, 'ACTIVE');
    expect(active.approvals.map((approval: { person: string }) => approval.person)).toEqual([
      'approver',
      'approver2',
    ]);
  }, 30_000);

  it.each(['approver@broker.local', 'APPROVER', ' Approver@Broker.Local. ', 'U0LOCALAPPROVER'])(
    'keeps a person from approving what a ticketing system filed for them as %j',
    async (id) => {
      const filed = await broker.api('POST', '/v1/requests', {
        token: tokens().requester,
        body: auditRequest({ requester: { id } }),
      });
      expect(filed.status).toBe(202);
      const { body: request } = await broker.api('GET', `/v1/requests/${filed.body.id}`, {
        token: tokens().requester,
      });
      expect(request.requester).toEqual({ id: id.trim(), person: 'approver' });
      const own = await broker.api('POST', `/v1/requests/${filed.body.id}/decision`, {
        token: tokens().approver,
        body: { decision: 'approve' },
      });
      expect(own.status).toBe(403);
      expect(own.body.detail).toMatch(/may not approve their own requests/);
      const { approverUserId } = broker.description.slack;
      expect(await broker.slackClick(filed.body.id, 'approve', { user: approverUserId })).toBe(200);
      expect((await broker.outbox()).at(-1)).toMatchObject({
        method: 'chat.postEphemeral',
        text: expect.stringMatching(/own requests/),
      });
      expect((await statusOf(broker, filed.body.id, 'PENDING_APPROVAL')).approvals).toEqual([]);
    },
    30_000,
  );

  it("refuses a person's client filing in someone else's name, naming the field", async () => {
    const filed = await broker.api('POST', '/v1/requests', {
      token: tokens().admin,
      body: auditRequest({ requester: { id: 'dave' } }),
    });
    expect(filed.status).toBe(400);
    expect(filed.body.errors).toEqual([
      { field: 'requester.id', reason: expect.stringMatching(/must be admin/) },
    ]);
  });
});
