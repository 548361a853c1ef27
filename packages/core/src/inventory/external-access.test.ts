import { describe, expect, it } from 'vitest';
import { testBroker, testConfig } from '../testing';
import { activeGrant } from '../testing/use-case-fixtures';
import { ROLE_PATH } from '../grants/role-spec';
import { externalAccessInventory } from './external-access';
import type { ListedRole, RoleInventory } from './role-inventory';

const outsideTrust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'sts:AssumeRole' }],
});

function inventoryOf(roles: Record<string, ListedRole[] | Error>): RoleInventory {
  return {
    async listRoles(accountId) {
      const found = roles[accountId] ?? [];
      if (found instanceof Error) throw found;
      return found;
    },
    async lastUsed(_accountId, roleName) {
      return roleName === 'Planted' ? '2026-12-01T10:00:00.000Z' : undefined;
    },
  };
}
const role = (roleName: string, path: string, trustPolicy = outsideTrust): ListedRole => ({
  roleName,
  path,
  arn: `arn:aws:iam::123456789012:role${path}${roleName}`,
  trustPolicy,
  createdAt: '2026-12-01T09:00:00.000Z',
});

describe('the external access inventory', () => {
  it("marks the broker's own roles, and only those a request it holds names", async () => {
    const broker = testBroker(
      testConfig({
        targetAccounts: {
          '210987654321': { provisionerRoleArn: 'arn:aws:iam::210987654321:role/p', externalId: 'spoke' },
        },
      }),
    );
    const grant = await activeGrant(broker);
    const grantTrust = JSON.stringify(broker.provisioner.roles.get(grant.roleName!)!.trustPolicy);
    const accounts = await externalAccessInventory({
      ...broker,
      inventory: inventoryOf({
        '123456789012': [
          role(grant.roleName!, ROLE_PATH, grantTrust),
          // Planted under the broker's path, named like a grant role: not the broker's.
          role('access-broker-00000000000000000000000000', ROLE_PATH),
          role('Planted', '/'),
          role('Internal', '/', JSON.stringify({ Statement: [] })),
        ],
        '210987654321': new Error('AccessDenied'),
      }),
    });
    expect(accounts).toEqual([
      {
        accountId: '123456789012',
        roles: [
          expect.objectContaining({
            roleName: grant.roleName,
            madeByBroker: true,
            requestId: grant.id,
            principals: [expect.objectContaining({ externalIdRequired: true })],
          }),
          expect.objectContaining({
            roleName: 'access-broker-00000000000000000000000000',
            madeByBroker: false,
          }),
          expect.objectContaining({
            roleName: 'Planted',
            madeByBroker: false,
            lastUsedAt: '2026-12-01T10:00:00.000Z',
            principals: [{ principal: '999988887777', accountId: '999988887777', externalIdRequired: false }],
          }),
        ],
      },
      { accountId: '210987654321', roles: [], error: 'Error' },
    ]);
  });
});
