import type { GrantStatus } from '../lifecycle/grant-status';
import { durationSeconds } from '../request/duration';
import type { BrokerContext } from './broker-context';

/** Grants that may legitimately own a role right now. */
const LIVE: readonly GrantStatus[] = ['PROVISIONING', 'ACTIVE', 'REVOKING', 'REVOKE_FAILED'];

export interface OrphanRemoval {
  accountId: string;
  roleName: string;
  requestId?: string;
  reason: string;
}

/**
 * Removes roles under `/access-broker/` that no live grant owns: a crash between CreateRole and the store
 * write, a teardown that reported success too early, a role planted by hand. Roles younger than the grace
 * period are left alone (their grant may be mid-write). Returns what it removed, for the log and the audit.
 */
export async function reconcileOrphans(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner'>,
): Promise<OrphanRemoval[]> {
  const removed: OrphanRemoval[] = [];
  const graceEnds = ctx.clock.now().getTime() - durationSeconds(ctx.config.limits.orphanGracePeriod) * 1000;
  const accounts = [ctx.config.broker.homeAccountId, ...Object.keys(ctx.config.targetAccounts)];
  for (const accountId of accounts) {
    const roles = (await ctx.provisioner.listGrantRoles(accountId)).filter(
      (role) => Date.parse(role.createdAt) <= graceEnds,
    );
    // One batched read per 100 roles, not one read per role.
    const records = await ctx.store.getMany(
      roles.flatMap((role) => (role.requestId ? [role.requestId] : [])),
    );
    for (const role of roles) {
      const record = role.requestId ? records.get(role.requestId) : undefined;
      if (
        record &&
        LIVE.includes(record.status) &&
        record.roleName === role.roleName &&
        record.targetAccountId === accountId
      )
        continue;
      const reason = !role.requestId
        ? 'not named after a request'
        : !record
          ? 'no such request'
          : `request is ${record.status}`;
      // Unknown attachments: teardown detaches whatever it finds when DeleteRole reports a conflict.
      await ctx.provisioner.teardownRole(accountId, {
        roleName: role.roleName,
        managedPolicyArns: [],
        createdAfter: role.createdAt,
      });
      removed.push({
        accountId,
        roleName: role.roleName,
        ...(role.requestId ? { requestId: role.requestId } : {}),
        reason,
      });
    }
  }
  return removed;
}
