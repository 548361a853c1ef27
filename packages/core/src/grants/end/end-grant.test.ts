import { describe, expect, it } from 'vitest';
import { eventFromAudit } from '../../events/broker-events';
import { auditRequestBody, testBroker } from '../../testing';
import { createRequest } from '../../requests/create-request';
import { expireGrant, NEVER_ACTIVE } from './end-grant';
import { revokeGrant } from './end-grant';

const TEARDOWN_STALL_MS = 2 * 60_000;
import { sweepDueGrants } from '../sweep/sweep-due-grants';
import { activeGrant, approvedRequest } from '../../testing/use-case-fixtures';
import { provisionGrant } from '../provision/provision-grant';

describe('revokeGrant', () => {
  it('tears the role down, deletes the schedule and records the reason', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    const revoked = await revokeGrant(broker, {
      id: grant.id,
      reason: 'revoked',
      by: 'api:bob',
      comment: 'audit finished',
    });
    expect(revoked).toMatchObject({
      status: 'REVOKED',
      revocation: { reason: 'revoked', by: 'api:bob', comment: 'audit finished', attempts: 1 },
    });
    expect(revoked.dueAt).toBeUndefined();
    expect(broker.provisioner.roles.size).toBe(0);
    expect(broker.scheduler.schedules.size).toBe(0);
  });

  it('runs one teardown when revoke, schedule and sweeper race, and surfaces no error', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    broker.clock.advance(2 * 3600_000);
    const results = await Promise.all([
      revokeGrant(broker, { id: grant.id, reason: 'revoked', by: 'api:bob' }),
      expireGrant(broker, grant.id),
      sweepDueGrants(broker),
    ]);
    expect(results[0].status === 'REVOKED' || results[0].status === 'REVOKING').toBe(true);
    expect(broker.provisioner.calls.filter((call) => call.startsWith('teardown'))).toHaveLength(1);
    const trail = await broker.store.auditTrail(grant.id);
    expect(trail.filter((entry) => entry.to === 'REVOKED')).toHaveLength(1);
  });

  it('marks a failing teardown REVOKE_FAILED, publishes it, and the sweeper retries until the role is gone', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    broker.provisioner.failTeardowns = 3;
    broker.clock.advance(2 * 3600_000);
    const failed = await expireGrant(broker, grant.id);
    expect(failed).toMatchObject({ status: 'REVOKE_FAILED', revocation: { attempts: 1, reason: 'expired' } });
    const trail = await broker.store.auditTrail(grant.id);
    expect(eventFromAudit(trail.at(-1)!, failed)?.detailType).toBe('Revocation Failed');
    // Backoff: not due again immediately.
    expect(await sweepDueGrants(broker)).toMatchObject({ due: 0 });
    for (let sweep = 0; sweep < 10 && broker.provisioner.roles.size > 0; sweep++) {
      broker.clock.advance(15 * 60_000);
      await sweepDueGrants(broker);
    }
    expect(broker.provisioner.roles.size).toBe(0);
    expect(await broker.store.get(grant.id)).toMatchObject({
      status: 'REVOKED',
      revocation: { attempts: 4, reason: 'expired' },
    });
  });

  it('takes over a teardown that stalled (the process died mid-way)', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    const record = (await broker.store.get(grant.id))!;
    // Simulate a crash right after the REVOKING write.
    await broker.store.update(
      {
        ...record,
        status: 'REVOKING',
        version: record.version + 1,
        revocation: {
          reason: 'revoked',
          by: 'api:bob',
          startedAt: broker.clock.now().toISOString(),
          attempts: 1,
        },
        dueAt: new Date(broker.clock.now().getTime() + TEARDOWN_STALL_MS).toISOString(),
      },
      record,
      {
        requestId: grant.id,
        at: '',
        seq: record.version + 1,
        action: 'REVOCATION_STARTED',
        actor: 'api:bob',
        to: 'REVOKING',
      },
    );
    expect(await sweepDueGrants(broker)).toMatchObject({ due: 0 });
    broker.clock.advance(TEARDOWN_STALL_MS);
    expect(await sweepDueGrants(broker)).toMatchObject({ due: 1, ended: 1 });
    expect(broker.provisioner.roles.size).toBe(0);
  });

  it('cancels a request that has no role yet instead of tearing down', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    const cancelled = await revokeGrant(broker, { id: record.id, reason: 'revoked', by: 'api:dave' });
    expect(cancelled.status).toBe('CANCELLED');
    expect(broker.provisioner.calls).toEqual([]);
  });

  it('ignores a stale expiry schedule of a grant that is not yet due', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    expect((await expireGrant(broker, grant.id)).status).toBe('ACTIVE');
    expect(broker.provisioner.roles.size).toBe(1);
  });
});

describe('sweepDueGrants', () => {
  it('expires only grants past their expiry, oldest first', async () => {
    const broker = testBroker();
    const short = await activeGrant(broker, { duration: 'PT1H' });
    const long = await activeGrant(broker, { duration: 'PT5H' });
    broker.clock.advance(2 * 3600_000);
    expect(await sweepDueGrants(broker)).toMatchObject({ due: 1, ended: 1, failed: 0, skipped: 0 });
    expect((await broker.store.get(short.id))?.status).toBe('REVOKED');
    expect((await broker.store.get(long.id))?.status).toBe('ACTIVE');
  });
});

describe('expireGrant on a grant that never became active', () => {
  it('ends it FAILED, saying why, as the sweeper would, and removes what provisioning made', async () => {
    const broker = testBroker();
    const approved = await approvedRequest(broker);
    // The role was made, but the workflow died before recording it: the grant is stuck PROVISIONING.
    const transact = broker.store.update.bind(broker.store);
    broker.store.update = async (next, expected, audit) =>
      next.status === 'ACTIVE'
        ? Promise.reject(new Error('process killed'))
        : transact(next, expected, audit);
    await expect(provisionGrant(broker, approved.id)).rejects.toThrow('process killed');
    broker.store.update = transact;
    broker.clock.advance(2 * 3600_000);
    const ended = await expireGrant(broker, approved.id);
    expect(ended).toMatchObject({ status: 'FAILED', failure: { reason: NEVER_ACTIVE } });
    expect(broker.provisioner.roles.size).toBe(0);
  });
});
