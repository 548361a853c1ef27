import type { GrantStatus } from '../lifecycle/grant-status';
import type { BrokerContext } from './broker-context';
import { revokeGrant } from './revoke-grant';

export interface SweepResult {
  due: number;
  ended: number;
  failed: number;
  skipped: number;
}

// Teardowns are IAM-bound; a few at a time keeps the sweep inside IAM's request rate.
const CONCURRENCY = 4;

/**
 * The safety net behind every schedule: Query the byExpiry index for grants whose `dueAt` has passed (expired,
 * teardown retry due, teardown stalled) and revoke each. Idempotent: a grant already ended is skipped.
 */
export async function sweepDueGrants(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler' | 'workflow'>,
  options: { limit: number } = { limit: 100 },
): Promise<SweepResult> {
  const ids = await ctx.store.listDue(ctx.clock.now(), options.limit);
  const result: SweepResult = { due: ids.length, ended: 0, failed: 0, skipped: 0 };
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const record = await revokeGrant(ctx, { id, reason: 'expired', by: 'sweeper' });
      result[outcome(record.status)]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return result;
}

function outcome(status: GrantStatus): 'ended' | 'failed' | 'skipped' {
  if (status === 'REVOKED' || status === 'FAILED') return 'ended';
  return status === 'REVOKE_FAILED' ? 'failed' : 'skipped';
}
