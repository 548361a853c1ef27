import { describe, expect, it } from 'vitest';
import { AlreadyDecidedError, NotAllowedError, RequestNotFoundError } from '../errors';
import { auditRequestBody, testBroker } from '../testing';
import { awaitDecision } from './await-decision';
import { createRequest } from '../requests/create-request';
import { evaluateRequest } from './evaluate-request';
import { expireApproval } from './expire-approval';
import { provisionGrant } from '../grants/provision/provision-grant';
import { recordDecision } from './record-decision';

async function pending(overrides: Record<string, unknown> = {}) {
  const broker = testBroker();
  const { record } = await createRequest(broker, { body: auditRequestBody(overrides), actor: 'jira' });
  return { broker, id: record.id };
}

describe('recordDecision', () => {
  it('approves, keeps the task token until provisioning begins, and resumes the waiting workflow', async () => {
    const { broker, id } = await pending();
    await awaitDecision(broker, { id, taskToken: 'token-1' });
    expect(broker.notifier.asked).toEqual([id]);
    const record = await recordDecision(broker, {
      id,
      approver: { id: 'UALICE', channel: 'slack' },
      decision: 'approve',
      comment: 'ok',
    });
    expect(record.status).toBe('APPROVED');
    // A retried approval (its answer or the resume lost) can resume the workflow again with it.
    expect(record.taskToken).toBe('token-1');
    expect(broker.workflow.resumed).toEqual([{ taskToken: 'token-1', output: { decision: 'approved' } }]);
    expect((await provisionGrant(broker, id)).taskToken).toBeUndefined();
  });

  it('denies and resumes the workflow on the deny path', async () => {
    const { broker, id } = await pending();
    await awaitDecision(broker, { id, taskToken: 'token-1' });
    const record = await recordDecision(broker, {
      id,
      approver: { id: 'bob', channel: 'api' },
      decision: 'deny',
    });
    expect(record).toMatchObject({ status: 'DENIED', decision: { outcome: 'denied', by: 'api:bob' } });
    expect(broker.workflow.resumed[0]?.output).toEqual({ decision: 'denied' });
  });

  it.each([
    [
      'self-approval by API identity',
      { requester: { id: 'alice' } },
      { id: 'alice', channel: 'api' as const },
      /own requests/,
    ],
    [
      'self-approval by Slack id',
      { requester: { id: 'x', slackUserId: 'UALICE' } },
      { id: 'UALICE', channel: 'slack' as const },
      /own requests/,
    ],
    [
      'an identity outside the group',
      {},
      { id: 'mallory', channel: 'api' as const },
      /not in the security approver group/,
    ],
    [
      'a Slack id outside the group',
      {},
      { id: 'UMALLORY', channel: 'slack' as const },
      /not in the security/,
    ],
    [
      'an API identity posing on Slack',
      {},
      { id: 'alice', channel: 'slack' as const },
      /not in the security/,
    ],
  ])('refuses %s and changes nothing', async (_case, overrides, approver, reason) => {
    const { broker, id } = await pending(overrides);
    await expect(recordDecision(broker, { id, approver, decision: 'approve' })).rejects.toThrow(reason);
    expect((await broker.store.get(id))?.status).toBe('PENDING_APPROVAL');
    expect((await broker.store.get(id))?.version).toBe(1);
  });

  it("refuses a person's client filing under another requester's name", async () => {
    const broker = testBroker();
    await expect(
      createRequest(broker, {
        body: auditRequestBody({ requester: { id: 'someone-else' } }),
        actor: 'alice',
      }),
    ).rejects.toMatchObject({
      issues: [{ field: 'requester.id', reason: expect.stringMatching(/must be alice/) }],
    });
    await expect(
      createRequest(broker, {
        body: auditRequestBody({ requester: { id: 'alice', slackUserId: 'UBOB' } }),
        actor: 'alice',
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'requester.slackUserId' }] });
  });

  it('refuses a person approving their own request through the channel they did not file it with', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, {
      body: auditRequestBody({ requester: { id: 'alice' } }),
      actor: 'alice',
    });
    await expect(
      recordDecision(broker, {
        id: record.id,
        approver: { id: 'UALICE', channel: 'slack' },
        decision: 'approve',
      }),
    ).rejects.toThrow(/own requests/);
    // Named as requester by a ticketing system, by Slack id only: still theirs.
    const { record: named } = await createRequest(broker, {
      body: auditRequestBody({ requester: { id: 'a-jira-user', slackUserId: 'UBOB' } }),
      actor: 'jira',
    });
    await expect(
      recordDecision(broker, { id: named.id, approver: { id: 'bob', channel: 'api' }, decision: 'approve' }),
    ).rejects.toThrow(/own requests/);
  });

  it('counts one person once, whichever identities they approve through', async () => {
    const { broker, id } = await pending({ profile: 'read-only', parameters: undefined });
    broker.config.profiles['read-only']!.approval.channels = ['api', 'slack'];
    await recordDecision(broker, { id, approver: { id: 'alice', channel: 'api' }, decision: 'approve' });
    await expect(
      recordDecision(broker, { id, approver: { id: 'UALICE', channel: 'slack' }, decision: 'approve' }),
    ).rejects.toThrow(/alice \(Alice\) has already approved/);
    const approved = await recordDecision(broker, {
      id,
      approver: { id: 'UBOB', channel: 'slack' },
      decision: 'approve',
    });
    expect(approved.status).toBe('APPROVED');
    expect(approved.approvals.map((approval) => approval.person)).toEqual(['alice', 'bob']);
  });

  it('refuses a Slack approval where the profile demands the API', async () => {
    const { broker, id } = await pending({ profile: 'read-only', parameters: undefined });
    await expect(
      recordDecision(broker, { id, approver: { id: 'UALICE', channel: 'slack' }, decision: 'approve' }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('needs N distinct approvers for N-of-M', async () => {
    const { broker, id } = await pending({ profile: 'read-only', parameters: undefined });
    const first = await recordDecision(broker, {
      id,
      approver: { id: 'alice', channel: 'api' },
      decision: 'approve',
    });
    expect(first.status).toBe('PENDING_APPROVAL');
    await expect(
      recordDecision(broker, { id, approver: { id: 'alice', channel: 'api' }, decision: 'approve' }),
    ).rejects.toThrow(/already approved/);
    const second = await recordDecision(broker, {
      id,
      approver: { id: 'bob', channel: 'api' },
      decision: 'approve',
    });
    expect(second.status).toBe('APPROVED');
    expect(second.approvals.map((approval) => approval.by)).toEqual(['alice', 'bob']);
  });

  it('lets exactly one of many racing decisions win', async () => {
    const { broker, id } = await pending();
    await awaitDecision(broker, { id, taskToken: 'token-1' });
    const results = await Promise.allSettled(
      ['alice', 'bob', 'carol', 'alice', 'bob'].map((approver, i) =>
        recordDecision(broker, {
          id,
          approver: { id: approver, channel: 'api' },
          decision: i % 2 ? 'deny' : 'approve',
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(AlreadyDecidedError);
    }
    expect(broker.workflow.resumed).toHaveLength(1);
  });

  it('names a request that does not exist', async () => {
    const broker = testBroker();
    await expect(
      recordDecision(broker, { id: 'nope', approver: { id: 'alice', channel: 'api' }, decision: 'approve' }),
    ).rejects.toBeInstanceOf(RequestNotFoundError);
  });
});

describe('evaluateRequest and the approval timeout', () => {
  it('auto-approves a low-risk profile within its auto-approval duration', async () => {
    const { broker, id } = await pending({
      profile: 'security-audit',
      parameters: undefined,
      duration: 'PT30M',
    });
    expect((await evaluateRequest(broker, id)).route).toBe('auto');
    expect(await broker.store.get(id)).toMatchObject({
      status: 'APPROVED',
      decision: { by: 'policy:auto-approve' },
    });
  });

  it('routes the same profile to humans above that duration', async () => {
    const { broker, id } = await pending({
      profile: 'security-audit',
      parameters: undefined,
      duration: 'PT2H',
    });
    expect((await evaluateRequest(broker, id)).route).toBe('manual');
  });

  it('expires a request nobody decided on, but keeps a decision that won the race', async () => {
    const { broker, id } = await pending();
    expect((await expireApproval(broker, id)).status).toBe('APPROVAL_EXPIRED');
    const other = await pending();
    await recordDecision(other.broker, {
      id: other.id,
      approver: { id: 'bob', channel: 'api' },
      decision: 'approve',
    });
    expect((await expireApproval(other.broker, other.id)).status).toBe('APPROVED');
  });

  it('resumes at once when the decision came before the workflow registered its token', async () => {
    const { broker, id } = await pending();
    await recordDecision(broker, { id, approver: { id: 'bob', channel: 'api' }, decision: 'approve' });
    await awaitDecision(broker, { id, taskToken: 'late-token' });
    expect(broker.workflow.resumed).toEqual([{ taskToken: 'late-token', output: { decision: 'approved' } }]);
    // The request still gets its one message (showing the decision, not asking), kept so it follows the grant.
    expect(broker.notifier.asked).toEqual([id]);
    expect(broker.notifier.outcomes).toEqual([]);
    const kept = await broker.store.get(id);
    expect(kept).toMatchObject({ status: 'APPROVED', approvalMessage: { ts: `ts-${id}` } });
    expect((await broker.store.auditTrail(id)).at(-1)?.action).toBe('APPROVAL_MESSAGE_KEPT');
  });

  it('a denial that beat the post: the message shows it, and the ended request is not written again', async () => {
    const { broker, id } = await pending();
    await recordDecision(broker, { id, approver: { id: 'bob', channel: 'api' }, decision: 'deny' });
    await awaitDecision(broker, { id, taskToken: 'late-token' });
    expect(broker.notifier.asked).toEqual([id]);
    expect((await broker.store.auditTrail(id)).map((entry) => entry.action)).toEqual(['REQUESTED', 'DENIED']);
  });
});

describe('awaitDecision racing a decision', () => {
  it('resumes with the decision that committed between its read and its write, posting once', async () => {
    const { broker, id } = await (async () => {
      const b = testBroker();
      const { record } = await createRequest(b, { body: auditRequestBody(), actor: 'jira' });
      return { broker: b, id: record.id };
    })();
    // The approval lands right after awaitDecision has read the pending request.
    const get = broker.store.get.bind(broker.store);
    let reads = 0;
    broker.store.get = async (requestId: string) => {
      const record = await get(requestId);
      if (++reads === 1)
        await recordDecision(broker, { id, approver: { id: 'bob', channel: 'api' }, decision: 'approve' });
      return record;
    };
    await awaitDecision(broker, { id, taskToken: 'token-1' });
    expect(broker.workflow.resumed).toEqual([{ taskToken: 'token-1', output: { decision: 'approved' } }]);
    expect(broker.notifier.asked).toEqual([id]);
    // The question it posted shows the decision that won instead (no live buttons), and the grant keeps it.
    expect(broker.notifier.outcomes).toEqual([`${id}:APPROVED`]);
    expect(await broker.store.get(id)).toMatchObject({ approvalMessage: { ts: `ts-${id}` } });
  });
  it('starts from the record the previous step read, and still loses to a decision made since', async () => {
    const b = testBroker();
    const { record } = await createRequest(b, { body: auditRequestBody(), actor: 'jira' });
    const { record: evaluated } = await evaluateRequest(b, record.id);
    const get = b.store.get.bind(b.store);
    let reads = 0;
    b.store.get = async (requestId: string) => (reads++, get(requestId));
    await recordDecision(b, { id: record.id, approver: { id: 'bob', channel: 'api' }, decision: 'deny' });
    reads = 0;
    await awaitDecision(b, { id: record.id, taskToken: 'token-2', record: evaluated });
    // Its write conflicted with the denial: it read again and resumed the workflow with that decision, then read
    // once more to show the decision on the question it had posted.
    expect(reads).toBe(2);
    expect(b.notifier.outcomes).toEqual([`${record.id}:DENIED`]);
    expect(b.workflow.resumed).toEqual([{ taskToken: 'token-2', output: { decision: 'denied' } }]);
    expect((await get(record.id))?.taskToken).toBeUndefined();

    const fresh = await createRequest(b, { body: auditRequestBody(), actor: 'jira' });
    const { record: unchanged } = await evaluateRequest(b, fresh.record.id);
    reads = 0;
    await awaitDecision(b, { id: fresh.record.id, taskToken: 'token-3', record: unchanged });
    expect(reads).toBe(0);
    expect((await get(fresh.record.id))?.taskToken).toBe('token-3');
  });
});
