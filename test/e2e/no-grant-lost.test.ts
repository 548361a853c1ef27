import { afterEach, describe, expect, it } from 'vitest';
import {
  auditRequest,
  type BrokerUnderTest,
  decideWhenWaiting,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';

let broker: BrokerUnderTest | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

const actions = async (b: BrokerUnderTest, id: string) =>
  (await b.store.auditTrail(id)).map((entry) => entry.action);

describe('no grant lost: the sweeper owns every overdue request', () => {
  it('re-drives a request whose workflow never started (the client got a 500 and never learned its id)', async () => {
    broker = await startBrokerUnderTest({
      limits: { workflowStallAfter: 'PT2S' },
      sdkMaxAttempts: 2,
      // The create's StartExecution fails on both attempts: the request is stored, its workflow is not.
      faults: { startExecution: { script: ['error-before', 'error-before'] } },
    });
    const { tokens } = broker.description;
    const filed = await broker.api('POST', '/v1/requests', { token: tokens.requester, body: auditRequest() });
    expect(filed.status).toBe(500);
    const listed = await broker.api('GET', '/v1/requests?status=PENDING_APPROVAL', {
      token: tokens.requester,
    });
    const [stranded] = listed.body.items as { id: string }[];
    expect(stranded).toBeDefined();
    // Nobody waits on it; within its deadline the sweeper starts its workflow, which asks the approvers.
    await broker.waitFor('the workflow to be re-driven', async () =>
      (await actions(broker!, stranded!.id)).includes('WAITING_FOR_DECISION') ? true : undefined,
    );
    expect(await actions(broker, stranded!.id)).toEqual(['REQUESTED', 'RECOVERED', 'WAITING_FOR_DECISION']);
    await decideWhenWaiting(broker, stranded!.id);
    await statusOf(broker, stranded!.id, 'REVOKED');
  }, 45_000);

  it('provisions an approval that landed while the wait step kept failing', async () => {
    broker = await startBrokerUnderTest({
      limits: { workflowStallAfter: 'PT2S' },
      // The wait step times out mid-task on every attempt: it never stores a task token.
      faults: { lambda: { workflowAwaitDecision: { script: Array(3).fill('timeout-after') } } },
    });
    const { tokens } = broker.description;
    const filed = await broker.api('POST', '/v1/requests', {
      token: tokens.requester,
      body: auditRequest({ duration: 'PT5M' }),
    });
    const approved = await broker.api('POST', `/v1/requests/${filed.body.id}/decision`, {
      token: tokens.approver,
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect(await statusOf(broker, filed.body.id, 'ACTIVE')).toMatchObject({ status: 'ACTIVE' });
  }, 45_000);

  it('ends every grant on time when schedules are lost and IAM propagates slowly', async () => {
    broker = await startBrokerUnderTest({
      sweepIntervalMs: 300,
      faults: { scheduler: { loseRate: 1 }, iamReadLagMs: 500 },
    });
    const { tokens } = broker.description;
    const filed = await broker.api('POST', '/v1/requests', {
      token: tokens.requester,
      body: auditRequest({ duration: 'PT2S' }),
    });
    await decideWhenWaiting(broker, filed.body.id);
    const ended = await statusOf(broker, filed.body.id, 'REVOKED');
    expect(ended.revocation).toMatchObject({ reason: 'expired', by: 'sweeper' });
    expect([...broker.aws.state.roles.values()].filter((role) => role.path === '/access-broker/')).toEqual(
      [],
    );
  }, 45_000);

  it("ends a grant by its schedule even when the expire function's clock is behind: the firing is not used up", async () => {
    broker = await startBrokerUnderTest({
      sweepIntervalMs: 3_600_000, // only the schedule may end it
      faults: { clockSkewMs: { expire: -3_000 } },
    });
    const { tokens } = broker.description;
    const filed = await broker.api('POST', '/v1/requests', {
      token: tokens.requester,
      body: auditRequest({ duration: 'PT3S' }),
    });
    await decideWhenWaiting(broker, filed.body.id);
    const ended = await statusOf(broker, filed.body.id, 'REVOKED');
    expect(ended.revocation).toMatchObject({ reason: 'expired', by: 'expiry-schedule' });
    // It waited out its own clock's three seconds instead of finding the grant "not expired yet".
    const expiredAt = Date.parse(ended.expiresAt);
    expect(Date.parse(ended.revocation.completedAt)).toBeGreaterThanOrEqual(expiredAt);
  }, 45_000);
});
