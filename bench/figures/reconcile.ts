import { createGrantTableInput } from '@access-broker/aws';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoGrantStore } from '../../packages/aws/src/index';
import {
  type BrokerConfig,
  type RoleProvisioner,
  reconcileOrphans,
  systemClock,
} from '../../packages/core/src/index';
import { startStandaloneDynamoDb } from '@access-broker/local-aws';
import type { Figure } from './measure';
import { seed, TABLE } from './sweeper';

/**
 * What the hourly reconciler reads with `roles` grant roles in the account, every one owned by a live grant:
 * DynamoDB requests counted on the wire (the roles come from a listing stub, so only the store is measured).
 */
export async function reconcileReads(roles: number): Promise<Figure> {
  const dynamo = await startStandaloneDynamoDb({ tables: [createGrantTableInput(TABLE)] });
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: dynamo.endpoint,
    credentials: dynamo.credentials,
  });
  try {
    const later = new Date(Date.now() + 86_400_000);
    await seed(client, 0, roles, () => later);
    const ids = Array.from({ length: roles }, (_, i) => `g${String(i).padStart(7, '0')}`);
    let reads = 0;
    client.middlewareStack.add((next) => (args) => (reads++, next(args)), { step: 'initialize' });
    const removed: string[] = [];
    const provisioner = {
      listGrantRoles: async () =>
        ids.map((id) => ({
          roleName: `access-broker-${id}`,
          requestId: id,
          createdAt: '2026-01-01T00:00:00Z',
        })),
      teardownRole: async (_account: string, role: { roleName: string }) => void removed.push(role.roleName),
    } as unknown as RoleProvisioner;
    const config = {
      broker: { homeAccountId: '000000000000' },
      targetAccounts: {},
      limits: { orphanGracePeriod: 'PT1H' },
    } as unknown as BrokerConfig;
    await reconcileOrphans({
      config,
      store: new DynamoGrantStore(client, { tableName: TABLE }),
      clock: systemClock,
      provisioner,
    });
    if (removed.length > 0) throw new Error(`bench: the reconciler removed ${removed.length} live roles`);
    return {
      figure: `Reconcile: store reads with ${roles.toLocaleString('en')} live grant roles`,
      measured: `${reads} requests (BatchGetItem, 100 records each)`,
      target: `≤ ${Math.ceil((roles / 5_000) * 60)} (60 at 5,000 roles)`,
      ok: reads <= Math.ceil((roles / 5_000) * 60),
      values: { roles, reads },
    };
  } finally {
    client.destroy();
    await dynamo.close();
  }
}
