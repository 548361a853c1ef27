import { grantAccounts } from '../grant-accounts';
import type { GrantStatus } from '../../requests/grant-status';
import { durationSeconds } from '../../requests/duration';
import { ReconcileIncompleteError } from '../../errors';
import type { BrokerContext } from '../../context/broker-context';

/** Grants that may legitimately own a role right now. */
const LIVE: readonly GrantStatus[] = ['PROVISIONING', 'ACTIVE', 'REVOKING', 'REVOKE_FAILED'];

export interface OrphanRemoval {
  accountId: string;
  /** The role's name, or the key user's (`kind: 'user'`). */
  roleName: string;
  kind?: 'user';
  requestId?: string;
  reason: string;
}

type Ctx = Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner'>;

/**
 * Removes roles under `/access-broker/` that no live grant owns: a crash between CreateRole and the store
 * write, a teardown that reported success too early, a role planted by hand. Roles younger than the grace
 * period are left alone (their grant may be mid-write). Each account, and each role, is on its own: one that
 * cannot be read or removed (a spoke whose provisioner role is gone) does not stop the others, and every such
 * failure is reported (ReconcileIncompleteError, after everything else was done). Returns what it removed.
 */
export async function reconcileOrphans(ctx: Ctx): Promise<OrphanRemoval[]> {
  const removed: OrphanRemoval[] = [];
  const failures: ReconcileIncompleteError['failures'][number][] = [];
  const accounts = [ctx.config.broker.homeAccountId, ...Object.keys(ctx.config.targetAccounts)];
  for (const accountId of accounts) {
    await reconcileAccount(ctx, accountId, removed, failures).catch((error: unknown) =>
      failures.push({ accountId, reason: describe(error) }),
    );
    // Key users exist only where access-key vendors are on (and the broker may list users only then).
    if (ctx.config.accessKeyVendors)
      await reconcileKeyUsers(ctx, accountId, removed, failures).catch((error: unknown) =>
        failures.push({ accountId, reason: describe(error) }),
      );
  }
  if (failures.length > 0) throw new ReconcileIncompleteError(removed, failures);
  return removed;
}

async function reconcileAccount(
  ctx: Ctx,
  accountId: string,
  removed: OrphanRemoval[],
  failures: ReconcileIncompleteError['failures'][number][],
) {
  const graceEnds = ctx.clock.now().getTime() - durationSeconds(ctx.config.limits.orphanGracePeriod) * 1000;
  const roles = (await ctx.provisioner.listGrantRoles(accountId)).filter(
    (role) => Date.parse(role.createdAt) <= graceEnds,
  );
  // One batched read per 100 roles, not one read per role.
  const records = await ctx.store.getMany(roles.flatMap((role) => (role.requestId ? [role.requestId] : [])));
  for (const role of roles) {
    const record = role.requestId ? records.get(role.requestId) : undefined;
    const owned =
      record &&
      LIVE.includes(record.status) &&
      record.roleName === role.roleName &&
      grantAccounts(record).includes(accountId);
    if (owned) continue;
    const reason = !role.requestId
      ? 'not named after a request'
      : !record
        ? 'no such request'
        : `request is ${record.status}`;
    try {
      // Unknown attachments: teardown detaches whatever it finds when DeleteRole reports a conflict.
      await ctx.provisioner.teardownRole(accountId, {
        roleName: role.roleName,
        managedPolicyArns: [],
        createdAfter: role.createdAt,
      });
    } catch (error) {
      failures.push({ accountId, roleName: role.roleName, reason: describe(error) });
      continue;
    }
    removed.push({
      accountId,
      roleName: role.roleName,
      ...(role.requestId ? { requestId: role.requestId } : {}),
      reason,
    });
  }
}

/** Key users (access-key vendors) are orphans on the same terms: no live access-key grant names them. */
async function reconcileKeyUsers(
  ctx: Ctx,
  accountId: string,
  removed: OrphanRemoval[],
  failures: ReconcileIncompleteError['failures'][number][],
) {
  const graceEnds = ctx.clock.now().getTime() - durationSeconds(ctx.config.limits.orphanGracePeriod) * 1000;
  const users = (await ctx.provisioner.listGrantUsers(accountId)).filter(
    (user) => Date.parse(user.createdAt) <= graceEnds,
  );
  const records = await ctx.store.getMany(users.flatMap((user) => (user.requestId ? [user.requestId] : [])));
  for (const user of users) {
    const record = user.requestId ? records.get(user.requestId) : undefined;
    const owned =
      record?.credentials === 'access-key' &&
      LIVE.includes(record.status) &&
      record.targetAccountId === accountId;
    if (owned) continue;
    try {
      await ctx.provisioner.teardownKeyUser(accountId, user.roleName);
    } catch (error) {
      failures.push({ accountId, roleName: user.roleName, reason: describe(error) });
      continue;
    }
    removed.push({
      accountId,
      roleName: user.roleName,
      kind: 'user',
      ...(user.requestId ? { requestId: user.requestId } : {}),
      reason: !record ? 'no such request' : `request is ${record.status}`,
    });
  }
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
