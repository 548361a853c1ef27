import type { GrantRecord } from '../grant/grant-record';
import { transition } from '../grant/transition';
import type { BrokerContext } from './broker-context';

/**
 * Withdraw a request that has no role yet (pending or approved-but-not-started). The waiting workflow, if
 * any, is failed through its task token so no execution is left hanging.
 */
export async function cancelRequest(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'workflow'>,
  input: { record: GrantRecord; by: string; comment?: string },
): Promise<GrantRecord> {
  const { record, by } = input;
  const at = ctx.clock.now().toISOString();
  const cancelled = await transition(ctx, record, {
    to: 'CANCELLED',
    action: 'CANCELLED',
    actor: by,
    changes: {
      decision: { outcome: 'cancelled', by, at, ...(input.comment ? { comment: input.comment } : {}) },
      taskToken: undefined,
    },
  });
  if (record.taskToken) await ctx.workflow.abort(record.taskToken, 'Cancelled', `cancelled by ${by}`);
  return cancelled;
}
