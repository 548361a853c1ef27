import { describe, expect, it } from 'vitest';
import { ReconcileIncompleteError } from '../../errors';
import { testBroker, testConfig } from '../../testing';
import { grantRoleSpec } from '../grant-role-spec';
import { reconcileOrphans } from './reconcile-orphans';
import { revokeGrant } from '../end/end-grant';
import { activeGrant } from '../../testing/use-case-fixtures';

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
      live.targetAccountId,
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

  it('reconciles every account it can reach, and then reports each one it could not', async () => {
    const broker = testBroker(
      testConfig({
        targetAccounts: {
          '210987654321': {
            provisionerRoleArn: 'arn:aws:iam::210987654321:role/access-broker-provisioner',
            externalId: 'spoke-7Qx9-2f8KpL3mZ-provisioner',
          },
        },
      }),
    );
    const old = new Date(broker.clock.now().getTime() - 3_600_000);
    const live = await activeGrant(broker);
    const spec = broker.provisioner.roles.get(live.roleName!)!;
    broker.provisioner.plant({ ...spec, roleName: 'access-broker-ghost' }, old);
    const listGrantRoles = broker.provisioner.listGrantRoles.bind(broker.provisioner);
    // The spoke's provisioner role is gone: every call into that account is refused.
    broker.provisioner.listGrantRoles = async (accountId: string) => {
      if (accountId === '210987654321') throw new Error('AccessDenied: cannot assume the provisioner role');
      return listGrantRoles();
    };
    const error = await reconcileOrphans(broker).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ReconcileIncompleteError);
    expect(error).toMatchObject({
      removed: [{ accountId: '123456789012', roleName: 'access-broker-ghost' }],
      failures: [{ accountId: '210987654321', reason: expect.stringMatching(/cannot assume/) }],
    });
    expect(broker.provisioner.roles.has('access-broker-ghost')).toBe(false);
  });
});
