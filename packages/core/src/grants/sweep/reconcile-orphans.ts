import { grantAccounts } from '../grant-accounts';
import type { GrantStatus } from '../../requests/grant-status';
import { durationSeconds } from '../../requests/duration';
import { ReconcileIncompleteError } from '../../errors';
import type { BrokerContext } from '../../context/broker-context';
import type { GrantRecord } from '../../requests/request-record';
import type { ExistingGrantRole } from '../role-provisioner';

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
  // Key users exist only where access-key vendors are on (and the broker may list users only then).
  const kinds = ctx.config.accessKeyVendors ? [ROLES, KEY_USERS] : [ROLES];
  for (const accountId of accounts)
    for (const orphans of kinds)
      await reconcileAccount(ctx, accountId, orphans, removed, failures).catch((error: unknown) =>
        failures.push({ accountId, reason: describe(error) }),
      );
  if (failures.length > 0) throw new ReconcileIncompleteError(removed, failures);
  return removed;
}

/** What the reconciler removes: grant roles, and access-key vendors' users, each on the same terms. */
interface Orphans {
  kind?: 'user';
  list(ctx: Ctx, accountId: string): Promise<ExistingGrantRole[]>;
  /** A live grant owns it: the record names it, in this account. */
  owned(record: GrantRecord, name: string, accountId: string): boolean;
  remove(ctx: Ctx, accountId: string, found: ExistingGrantRole): Promise<void>;
}

const ROLES: Orphans = {
  list: (ctx, accountId) => ctx.provisioner.listGrantRoles(accountId),
  owned: (record, name, accountId) => record.roleName === name && grantAccounts(record).includes(accountId),
  // Unknown attachments: teardown detaches whatever it finds when DeleteRole reports a conflict.
  remove: (ctx, accountId, role) =>
    ctx.provisioner.teardownRole(accountId, {
      roleName: role.roleName,
      managedPolicyArns: [],
      createdAfter: role.createdAt,
    }),
};

const KEY_USERS: Orphans = {
  kind: 'user',
  list: (ctx, accountId) => ctx.provisioner.listGrantUsers(accountId),
  owned: (record, _name, accountId) =>
    record.credentials === 'access-key' && record.targetAccountId === accountId,
  remove: (ctx, accountId, user) => ctx.provisioner.teardownKeyUser(accountId, user.roleName),
};

async function reconcileAccount(
  ctx: Ctx,
  accountId: string,
  orphans: Orphans,
  removed: OrphanRemoval[],
  failures: ReconcileIncompleteError['failures'][number][],
) {
  const graceEnds = ctx.clock.now().getTime() - durationSeconds(ctx.config.limits.orphanGracePeriod) * 1000;
  const found = (await orphans.list(ctx, accountId)).filter(
    (entity) => Date.parse(entity.createdAt) <= graceEnds,
  );
  // One batched read per 100 names, not one read per name.
  const records = await ctx.store.getMany(
    found.flatMap((entity) => (entity.requestId ? [entity.requestId] : [])),
  );
  for (const entity of found) {
    const record = entity.requestId ? records.get(entity.requestId) : undefined;
    if (record && LIVE.includes(record.status) && orphans.owned(record, entity.roleName, accountId)) continue;
    const reason = !entity.requestId
      ? 'not named after a request'
      : !record
        ? 'no such request'
        : `request is ${record.status}`;
    try {
      await orphans.remove(ctx, accountId, entity);
    } catch (error) {
      failures.push({ accountId, roleName: entity.roleName, reason: describe(error) });
      continue;
    }
    removed.push({
      accountId,
      roleName: entity.roleName,
      ...(orphans.kind ? { kind: orphans.kind } : {}),
      ...(entity.requestId ? { requestId: entity.requestId } : {}),
      reason,
    });
  }
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
