import { describe, expect, it } from 'vitest';
import { testBroker } from '../testing';
import { grantRoleSpec } from '../role/grant-role-spec';
import { reconcileOrphans } from './reconcile-orphans';
import { revokeGrant } from './revoke-grant';
import { activeGrant } from './use-case-fixtures';

describe('reconcileOrphans', () => {
  it('removes roles no live grant owns, keeps live ones and young ones, and says why', async () => {
    // Prepare
    const broker = testBroker();
    const live = await activeGrant(broker);
    const ended = await activeGrant(broker);
    const endedSpec = broker.provisioner.roles.get(ended.roleName!)!;
    await revokeGrant(broker, { id: ended.id, reason: 'revoked', by: 'api:bob' });
    const old = new Date(broker.clock.now().getTime() - 3_600_000);
    broker.provisioner.plant(endedSpec, old); // a teardown that "succeeded" but left the role
    const crashed = grantRoleSpec(
      { ...live, id: 'ghost', roleName: 'access-broker-ghost', expiresAt: live.expiresAt! },
      broker.config,
    );
    broker.provisioner.plant(crashed, old);
    broker.provisioner.plant({ ...crashed, roleName: 'access-broker-young' }, broker.clock.now());
    broker.provisioner.plant({ ...crashed, roleName: 'hand-made' }, old);
    // Act
    const removed = await reconcileOrphans(broker);
    // Assess
    expect(removed).toEqual([
      {
        accountId: '123456789012',
        roleName: ended.roleName,
        requestId: ended.id,
        reason: 'request is REVOKED',
      },
      {
        accountId: '123456789012',
        roleName: 'access-broker-ghost',
        requestId: 'ghost',
        reason: 'no such request',
      },
      { accountId: '123456789012', roleName: 'hand-made', reason: 'not named after a request' },
    ]);
    expect([...broker.provisioner.roles.keys()].sort()).toEqual(
      [live.roleName, 'access-broker-young'].sort(),
    );
  });
});
