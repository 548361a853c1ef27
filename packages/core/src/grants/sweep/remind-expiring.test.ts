import { describe, expect, it } from 'vitest';
import { auditRequestBody, testBroker, testConfig } from '../../testing';
import { createRequest } from '../../requests/create-request';
import { provisionGrant } from '../provision/provision-grant';
import { recordDecision } from '../../approval/record-decision';
import { remindExpiringGrants } from './remind-expiring';
import { revokeGrant } from '../end/end-grant';

async function activeGrant(reminder?: string) {
  const base = testConfig();
  const broker = testBroker(
    testConfig({ limits: { ...base.limits, ...(reminder ? { reminderBeforeExpiry: reminder } : {}) } }),
  );
  const { record } = await createRequest(broker, {
    body: auditRequestBody({ duration: 'PT2H' }),
    actor: 'jira',
  });
  await recordDecision(broker, {
    id: record.id,
    approver: { id: 'alice', channel: 'api' },
    decision: 'approve',
  });
  await provisionGrant(broker, record.id);
  return { broker, id: record.id };
}

describe('reminders before expiry', () => {
  it('reminds once per expiry, within the lead time, and not for grants that ended', async () => {
    const { broker, id } = await activeGrant('PT15M');
    expect(await remindExpiringGrants(broker)).toBe(0); // two hours left
    broker.clock.advance(106 * 60_000); // 14 minutes left
    expect(await remindExpiringGrants(broker)).toBe(1);
    expect(await remindExpiringGrants(broker)).toBe(0);
    const trail = await broker.store.auditTrail(id);
    expect(trail.at(-1)).toMatchObject({
      action: 'EXPIRY_REMINDER',
      actor: 'sweeper',
      from: 'ACTIVE',
      to: 'ACTIVE',
    });
    await revokeGrant(broker, { id, reason: 'revoked', by: 'api:alice' });
    expect(await remindExpiringGrants(broker)).toBe(0);
  });

  it('sends none without limits.reminderBeforeExpiry', async () => {
    const { broker } = await activeGrant();
    broker.clock.advance(119 * 60_000);
    expect(await remindExpiringGrants(broker)).toBe(0);
  });
});
