import { describe, expect, it } from 'vitest';
import { testBroker } from '../testing';
import { activeGrant } from '../testing/use-case-fixtures';
import { revokeGrant } from '../grants/end/end-grant';
import { eventFromAudit } from './broker-events';

describe('eventFromAudit', () => {
  it('publishes the lifecycle without ever carrying the External ID or the task token', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker, { externalId: 'Zt8aQe3r1Lk0-vendor-tenant-4471' });
    const revoked = await revokeGrant(broker, { id: grant.id, reason: 'revoked', by: 'api:bob' });
    const events = (await broker.store.auditTrail(grant.id)).flatMap(
      (entry) => eventFromAudit(entry, revoked) ?? [],
    );
    expect(events.map((event) => event.detailType)).toEqual([
      'Access Requested',
      'Access Approved',
      'Access Granted',
      'Access Revoked',
    ]);
    for (const event of events) {
      expect(JSON.stringify(event)).not.toContain('Zt8aQe3r1Lk0-vendor-tenant-4471');
      expect(event.detail).toMatchObject({
        requestId: grant.id,
        principal: 'arn:aws:iam::111122223333:role/ThirdPartyAuditor',
      });
    }
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });
});
