import type { BrokerContext } from '../../context/broker-context';
import { type Settlement, settleOverdue } from './settle-overdue';

export interface SweepResult {
  due: number;
  ended: number;
  failed: number;
  skipped: number;
  recovered: number;
  approvalsExpired: number;
  gaveUp: number;
}

// Teardowns are IAM-bound; a few at a time keeps the sweep inside IAM's request rate.
const CONCURRENCY = 4;

const COUNTER: Record<Settlement, keyof Omit<SweepResult, 'due'>> = {
  ended: 'ended',
  failed: 'failed',
  skipped: 'skipped',
  recovered: 'recovered',
  'approval expired': 'approvalsExpired',
  'gave up': 'gaveUp',
};

/**
 * The owner of every overdue record: Query the byExpiry index for records whose `dueAt` has passed (in
 * O(overdue) reads) and settle each (settle-overdue.ts): expired grants and stalled teardowns are torn down,
 * stalled workflows re-driven, approvals past their timeout expired. Idempotent: a record that moved on is
 * skipped.
 */
export async function sweepDueGrants(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler' | 'workflow'>,
  options: { limit: number } = { limit: 100 },
): Promise<SweepResult> {
  const ids = await ctx.store.listDue(ctx.clock.now(), options.limit);
  const result: SweepResult = {
    due: ids.length,
    ended: 0,
    failed: 0,
    skipped: 0,
    recovered: 0,
    approvalsExpired: 0,
    gaveUp: 0,
  };
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const { settled } = await settleOverdue(ctx, id);
      result[COUNTER[settled]]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return result;
}
