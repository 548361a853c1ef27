import type { BrokerContext } from '../context/broker-context';
import { grantAccounts } from '../grants/grant-accounts';
import { requestIdFromRoleName, ROLE_PATH } from '../grants/role-spec';
import { type ExternalPrincipal, externalPrincipals, type Inside } from './trust-analysis';
import type { RoleInventory } from './role-inventory';

export interface ExternallyAssumableRole {
  roleName: string;
  roleArn: string;
  createdAt: string;
  /** The broker made it: under its path, named for a request the broker holds. */
  madeByBroker: boolean;
  requestId?: string;
  principals: ExternalPrincipal[];
  lastUsedAt?: string;
}

export interface AccountExternalAccess {
  accountId: string;
  roles: ExternallyAssumableRole[];
  /** Set when the account could not be read (its provisioner role refused, IAM failed): the list is partial. */
  error?: string;
}

/**
 * Third-party access in every account the broker reaches, whoever granted it: each role whose trust policy
 * lets a principal outside the broker's accounts (and, with `broker.organizationId`, outside the organization
 * when the trust requires it) assume it, with the External ID condition present or not, its last use, and
 * whether the broker made it. One account failing does not hide the others.
 */
export async function externalAccessInventory(
  ctx: Pick<BrokerContext, 'config' | 'store'> & { inventory: RoleInventory },
): Promise<AccountExternalAccess[]> {
  const { homeAccountId, organizationId } = ctx.config.broker;
  const accounts = [
    homeAccountId,
    ...Object.keys(ctx.config.targetAccounts).filter((id) => id !== homeAccountId),
  ];
  const inside: Inside = { accounts: new Set(accounts), ...(organizationId ? { organizationId } : {}) };
  return Promise.all(
    accounts.map(async (accountId) => {
      try {
        return { accountId, roles: await externalRolesOf(ctx, accountId, inside) };
      } catch (error) {
        return { accountId, roles: [], error: error instanceof Error ? error.name : 'unknown error' };
      }
    }),
  );
}

async function externalRolesOf(
  ctx: Pick<BrokerContext, 'store'> & { inventory: RoleInventory },
  accountId: string,
  inside: Inside,
): Promise<ExternallyAssumableRole[]> {
  const listed = await ctx.inventory.listRoles(accountId);
  const external = listed
    .map((role) => ({ role, principals: externalPrincipals(role.trustPolicy, inside) }))
    .filter(({ principals }) => principals.length > 0);
  // A role is the broker's only if a request it holds names it, in this account: a role planted under the
  // broker's path with a request-like name is someone else's.
  const requestIds = external.flatMap(({ role }) =>
    role.path === ROLE_PATH ? (requestIdFromRoleName(role.roleName) ?? []) : [],
  );
  const requests = requestIds.length > 0 ? await ctx.store.getMany(requestIds) : new Map();
  return Promise.all(
    external.map(async ({ role, principals }) => {
      const requestId = role.path === ROLE_PATH ? requestIdFromRoleName(role.roleName) : undefined;
      const request = requestId ? requests.get(requestId) : undefined;
      const madeByBroker =
        request !== undefined &&
        grantAccounts(request).includes(accountId) &&
        request.roleName === role.roleName;
      const lastUsedAt = await ctx.inventory.lastUsed(accountId, role.roleName);
      return {
        roleName: role.roleName,
        roleArn: role.arn,
        createdAt: role.createdAt,
        madeByBroker,
        ...(madeByBroker ? { requestId } : {}),
        principals,
        ...(lastUsedAt ? { lastUsedAt } : {}),
      };
    }),
  );
}
