import { approvalEndsMs } from '../../requests/deadlines';
import type { GrantRecord } from '../../requests/request-record';
import { transition } from '../../requests/transition';
import type { BrokerContext } from '../../context/broker-context';
import { workflowInput } from '../../requests/create-request';
import { expireApproval } from '../../approval/expire-approval';
import { failProvisioning, NEVER_ACTIVE } from '../end/end-grant';
import { loadRequest } from '../../requests/load-request';
import { revokeGrant } from '../end/end-grant';

/** Re-drives of one request before the sweeper gives up on its workflow and fails it with the reason. */
export const MAX_RECOVERIES = 5;

export type Settlement = 'ended' | 'failed' | 'recovered' | 'approval expired' | 'gave up' | 'skipped';

type Ctx = Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler' | 'workflow'>;

/**
 * What the sweeper does with one overdue record (its `dueAt` passed: its owner failed silently), by state:
 * - PENDING_APPROVAL past its approval timeout → APPROVAL_EXPIRED (any waiting task is failed);
 *   pending with no workflow waiting (it never started, or died before the wait) → the workflow is re-driven.
 * - APPROVED (provisioning never began), PROVISIONING (it stopped), ACTIVE with an extension not yet applied →
 *   the workflow is re-driven; after MAX_RECOVERIES the request fails with the reason instead.
 * - PROVISIONING past its expiry → FAILED with that reason, after the same teardown (it was never active).
 * - ACTIVE past expiry, REVOKING stalled, REVOKE_FAILED due → torn down (revokeGrant).
 * A re-drive is first recorded (RECOVERED, with why, in the audit trail; the conditional write makes one
 * sweeper win), then a new execution named after that record version starts: idempotent per version.
 */
export async function settleOverdue(
  ctx: Ctx,
  id: string,
): Promise<{ record: GrantRecord; settled: Settlement }> {
  const record = await loadRequest(ctx.store, id);
  const now = ctx.clock.now().getTime();
  if (!record.dueAt || Date.parse(record.dueAt) > now) return { record, settled: 'skipped' };
  const expired = record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now;
  switch (record.status) {
    case 'PENDING_APPROVAL':
      if (now >= approvalEndsMs(record, ctx.config)) return expireStalledApproval(ctx, record);
      return redrive(ctx, record, 'the approval workflow never reached its wait step');
    case 'APPROVED':
      return redrive(ctx, record, 'approved, but provisioning never began');
    case 'PROVISIONING':
      // Never active, now past its expiry: a failed provisioning, whatever was created is removed.
      if (expired) return gaveUp(ctx, record, NEVER_ACTIVE);
      return redrive(ctx, record, 'provisioning stopped before the grant was active');
    case 'ACTIVE':
      if (expired) return ended(ctx, id);
      if (record.extension?.approved) return redrive(ctx, record, 'an approved extension was never applied');
      if (record.extension && !record.taskToken)
        return redrive(ctx, record, "the extension's workflow never reached its wait step");
      return { record, settled: 'skipped' };
    case 'REVOKING':
    case 'REVOKE_FAILED':
      return ended(ctx, id);
    default:
      return { record, settled: 'skipped' };
  }
}

async function ended(ctx: Ctx, id: string) {
  const record = await revokeGrant(ctx, { id, reason: 'expired', by: 'sweeper' });
  const settled: Settlement =
    record.status === 'REVOKED' || record.status === 'FAILED'
      ? 'ended'
      : record.status === 'REVOKE_FAILED'
        ? 'failed'
        : 'skipped';
  return { record, settled };
}

async function gaveUp(ctx: Ctx, record: GrantRecord, reason: string) {
  const failed = await failProvisioning(ctx, { id: record.id, error: reason });
  return {
    record: failed,
    settled: failed.status === 'REVOKE_FAILED' ? ('failed' as const) : ('ended' as const),
  };
}

async function expireStalledApproval(ctx: Ctx, record: GrantRecord) {
  const expired = await expireApproval(ctx, record.id);
  if (record.taskToken)
    // A task that already ended is no error (the adapter says so); anything else surfaces, and the next
    // sweep finds the request expired and has nothing more to do.
    await ctx.workflow.abort(record.taskToken, 'Cancelled', 'approval timed out (sweeper)');
  return { record: expired, settled: 'approval expired' as const };
}

async function redrive(ctx: Ctx, record: GrantRecord, reason: string) {
  const recoveries = (record.recoveries ?? 0) + 1;
  if (recoveries > MAX_RECOVERIES && record.status !== 'PENDING_APPROVAL') return giveUp(ctx, record, reason);
  const recorded = await transition(ctx, record, {
    to: record.status,
    action: 'RECOVERED',
    actor: 'sweeper',
    changes: { recoveries },
    detail: { reason, recovery: 'workflow started again', attempt: recoveries },
  });
  await ctx.workflow.start({
    ...workflowInput(recorded, ctx.config, ctx.clock.now()),
    executionName: `${record.id}-recovery-${recorded.version}`,
  });
  return { record: recorded, settled: 'recovered' as const };
}

/** The workflow could not be brought back: the request fails visibly, with why, and nothing is left behind. */
async function giveUp(ctx: Ctx, record: GrantRecord, reason: string) {
  const error = `${reason}; the sweeper re-drove its workflow ${MAX_RECOVERIES} times and gave up`;
  if (record.status === 'ACTIVE') {
    // The grant stays as it was approved; only the extension is dropped, and says why.
    const dropped = await transition(ctx, record, {
      to: 'ACTIVE',
      action: 'EXTENSION_DENIED',
      actor: 'sweeper',
      changes: { extension: undefined, taskToken: undefined, recoveries: undefined },
      detail: { reason: error },
    });
    return { record: dropped, settled: 'gave up' as const };
  }
  const failed = await failProvisioning(ctx, { id: record.id, error });
  return { record: failed, settled: 'gave up' as const };
}
