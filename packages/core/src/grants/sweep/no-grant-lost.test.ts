import { describe, expect, it } from 'vitest';
import { AlreadyDecidedError } from '../../errors';
import { deadlineOf } from '../../requests/deadlines';
import { GRANT_STATUSES, isTerminal } from '../../requests/grant-status';
import { auditRequestBody, testBroker, type TestBroker } from '../../testing';
import { awaitDecision } from '../../approval/await-decision';
import { checkDecision } from '../../approval/check-decision';
import { createRequest } from '../../requests/create-request';
import { evaluateRequest } from '../../approval/evaluate-request';
import { expireGrant, MAX_EARLY_WAIT_MS } from '../end/end-grant';
import { requestExtension } from '../extend/extend-grant';
import { provisionGrant } from '../provision/provision-grant';
import { recordDecision } from '../../approval/record-decision';
import { MAX_RECOVERIES, settleOverdue } from './settle-overdue';
import { sweepDueGrants } from './sweep-due-grants';
import { activeGrant } from '../../testing/use-case-fixtures';

const MINUTE = 60_000;
/** The test config's `limits.workflowStallAfter` (the default, PT2M), and then some. */
const PAST_STALL = 2 * MINUTE + 1_000;

const approve = (broker: TestBroker, id: string, approver = 'alice') =>
  recordDecision(broker, { id, approver: { id: approver, channel: 'api' }, decision: 'approve' });

/** What a recovery execution does: the wait step (which resumes at once for a decided request), then Provision. */
async function runRecoveryExecution(broker: TestBroker, id: string) {
  const { record } = await evaluateRequest(broker, id);
  await awaitDecision(broker, { id, taskToken: 'recovery-token', record });
  return provisionGrant(broker, id);
}

const trail = async (broker: TestBroker, id: string) =>
  (await broker.store.auditTrail(id)).map((entry) => entry.action);

describe('every open state has a deadline and an owner', () => {
  it('gives every non-terminal state a deadline, and terminal ones none', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    for (const status of GRANT_STATUSES) {
      const due = deadlineOf({ ...grant, status }, broker.config, broker.clock.now());
      if (isTerminal(status)) expect(due, status).toBeUndefined();
      else expect(due, status).toMatch(/^\d{4}-/);
    }
  });

  it('indexes a new request with the deadline by which its workflow must be waiting', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    expect(record.dueAt).toBe(new Date(broker.clock.now().getTime() + 2 * MINUTE).toISOString());
    await awaitDecision(broker, { id: record.id, taskToken: 't1' });
    // Waiting: due when the approval times out (24 h), plus the stall.
    expect((await broker.store.get(record.id))?.dueAt).toBe(
      new Date(Date.parse(record.createdAt) + 24 * 3_600_000 + 2 * MINUTE).toISOString(),
    );
  });
});

describe('the sweeper re-drives what no workflow will', () => {
  it('provisions a request whose workflow never started (the broker was killed), once approved', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    broker.workflow.started.length = 0; // The start was lost with the process.
    const approved = await approve(broker, record.id);
    expect(approved).toMatchObject({ status: 'APPROVED' });
    expect(broker.workflow.resumed).toEqual([]); // Nobody to resume.

    broker.clock.advance(PAST_STALL);
    expect(await sweepDueGrants(broker)).toMatchObject({ due: 1, recovered: 1 });
    expect(broker.workflow.started).toEqual([
      expect.objectContaining({ requestId: record.id, executionName: `${record.id}-recovery-3` }),
    ]);
    expect(await runRecoveryExecution(broker, record.id)).toMatchObject({ status: 'ACTIVE' });
    expect(await trail(broker, record.id)).toEqual([
      'REQUESTED',
      'APPROVED',
      'RECOVERED',
      // Nobody had been asked: the request gets its message now, showing the approval, and keeps it.
      'APPROVAL_MESSAGE_KEPT',
      'PROVISIONING_STARTED',
      'GRANTED',
    ]);
    const recovered = (await broker.store.auditTrail(record.id))[2]!;
    expect(recovered).toMatchObject({
      actor: 'sweeper',
      detail: { reason: 'approved, but provisioning never began', recovery: 'workflow started again' },
    });
  });

  it('starts the workflow again for a pending request nobody is waiting on, and not before its deadline', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    broker.clock.advance(MINUTE);
    expect(await sweepDueGrants(broker)).toMatchObject({ due: 0 });
    broker.clock.advance(MINUTE + 1_000);
    expect(await settleOverdue(broker, record.id)).toMatchObject({ settled: 'recovered' });
    // The same version is never re-driven twice: a second sweeper finds it no longer due.
    expect(await settleOverdue(broker, record.id)).toMatchObject({ settled: 'skipped' });
    expect(broker.workflow.started.at(-1)).toMatchObject({ executionName: `${record.id}-recovery-2` });
  });

  it('expires a pending request whose workflow died while waiting, at its approval timeout', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    await awaitDecision(broker, { id: record.id, taskToken: 'dead-token' });
    broker.clock.advance(24 * 3_600_000 + PAST_STALL);
    expect(await sweepDueGrants(broker)).toMatchObject({ approvalsExpired: 1 });
    expect(await broker.store.get(record.id)).toMatchObject({ status: 'APPROVAL_EXPIRED' });
    expect(broker.workflow.aborted).toEqual([{ taskToken: 'dead-token', error: 'Cancelled' }]);
  });

  it('re-drives a provisioning that stopped, and fails it (removing its role) once it is past its expiry', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    await approve(broker, record.id);
    broker.provisioner.failCreates = 1;
    await expect(provisionGrant(broker, record.id)).rejects.toThrow(/injected/);
    expect(await broker.store.get(record.id)).toMatchObject({ status: 'PROVISIONING' });
    broker.clock.advance(PAST_STALL);
    expect(await settleOverdue(broker, record.id)).toMatchObject({ settled: 'recovered' });
    broker.clock.advance(3 * 3_600_000);
    expect(await settleOverdue(broker, record.id)).toMatchObject({
      settled: 'ended',
      record: {
        status: 'FAILED',
        failure: { reason: 'provisioning did not finish before the grant expired' },
      },
    });
    expect(broker.provisioner.roles.size).toBe(0);
  });

  it('applies an approved extension whose workflow died', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker, { duration: 'PT2H' });
    await requestExtension(broker, {
      id: grant.id,
      body: { duration: 'PT1H', justification: 'more fieldwork' },
      actor: 'jira',
    });
    await approve(broker, grant.id, 'bob');
    broker.clock.advance(PAST_STALL);
    expect(await settleOverdue(broker, grant.id)).toMatchObject({ settled: 'recovered' });
    const extended = await runRecoveryExecution(broker, grant.id);
    expect(Date.parse(extended.expiresAt!) - Date.parse(grant.expiresAt!)).toBe(3_600_000);
  });

  it(`fails an approved request visibly after ${MAX_RECOVERIES} re-drives that changed nothing, leaving no role`, async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    await approve(broker, record.id);
    for (let attempt = 1; attempt <= MAX_RECOVERIES; attempt++) {
      broker.clock.advance(PAST_STALL);
      expect(await settleOverdue(broker, record.id)).toMatchObject({ settled: 'recovered' });
    }
    broker.clock.advance(PAST_STALL);
    const { record: failed, settled } = await settleOverdue(broker, record.id);
    expect(settled).toBe('gave up');
    expect(failed).toMatchObject({
      status: 'FAILED',
      failure: { reason: expect.stringMatching(/provisioning never began; the sweeper re-drove/) },
    });
    expect(failed.dueAt).toBeUndefined();
    expect(broker.provisioner.roles.size).toBe(0);
  });
});

describe('a decision whose answer or resume was lost', () => {
  it('resumes the workflow again when the approver retries, instead of a 409', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    await awaitDecision(broker, { id: record.id, taskToken: 'token-1' });
    await approve(broker, record.id);
    const again = await approve(broker, record.id);
    expect(again.status).toBe('APPROVED');
    expect(broker.workflow.resumed.map((resume) => resume.taskToken)).toEqual(['token-1', 'token-1']);
    // Anyone else, or a deny, still finds it decided.
    await expect(approve(broker, record.id, 'bob')).rejects.toBeInstanceOf(AlreadyDecidedError);
  });
});

describe('the workflow never dies in a waiting state', () => {
  it('waits for API decisions when Slack cannot be told, and says so in the audit trail', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    broker.notifier.requestApproval = async () => {
      throw new Error('slack_down');
    };
    const result = await awaitDecision(broker, { id: record.id, taskToken: 'token-1' });
    expect(result.notifyError).toMatch(/slack_down/);
    expect(await broker.store.get(record.id)).toMatchObject({ taskToken: 'token-1' });
    expect((await broker.store.auditTrail(record.id)).at(-1)).toMatchObject({
      action: 'WAITING_FOR_DECISION',
      detail: { approversNotified: false },
    });
  });

  it('reroutes after a failed wait step: approved meanwhile → provision, pending → wait, late → expire', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    expect(await checkDecision(broker, record.id)).toMatchObject({ route: 'wait' });
    broker.clock.advance(25 * 3_600_000);
    expect(await checkDecision(broker, record.id)).toMatchObject({ route: 'expire' });
    const { record: other } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    await approve(broker, other.id);
    expect(await checkDecision(broker, other.id)).toMatchObject({ route: 'approved' });
  });
});

describe('expiry is exact whoever fires it', () => {
  it('waits out a firing a few seconds early instead of using it up', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker, { duration: 'PT1H' });
    broker.clock.advance(3_600_000 - 4_000);
    const ended = await expireGrant(broker, grant.id);
    expect(ended.status).toBe('REVOKED');
    expect(broker.clock.now().toISOString()).toBe(grant.expiresAt);
    expect(ended.revocation?.completedAt).toBe(grant.expiresAt);
  });

  it('schedules a firing far too early again, for the expiry, and leaves the grant alone', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker, { duration: 'PT1H' });
    broker.scheduler.schedules.clear();
    broker.clock.advance(3_600_000 - MAX_EARLY_WAIT_MS - 1_000);
    expect((await expireGrant(broker, grant.id)).status).toBe('ACTIVE');
    expect(broker.scheduler.schedules.get(grant.id)?.toISOString()).toBe(grant.expiresAt);
  });
});
