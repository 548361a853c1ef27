import { approvalRuleFor } from '../approval/approver-check';
import { transition } from '../grant/transition';
import { type BrokerContext } from './broker-context';
import { loadRequest } from './load-request';
import { decisionOutput } from './decision-output';

/**
 * The workflow's wait step (invoked with a task token).
 * 1. Store the token on the pending request, so whichever decision path wins can resume the workflow.
 * 2. Ask the approvers.
 * A decision that arrived before the token (an API approval racing the workflow) resumes it at once.
 */
export async function awaitDecision(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'notifier' | 'workflow'>,
  input: { id: string; taskToken: string },
): Promise<void> {
  const record = await loadRequest(ctx.store, input.id);
  if (record.status !== 'PENDING_APPROVAL') {
    await ctx.workflow.resume(input.taskToken, decisionOutput(record));
    return;
  }
  const waiting = await transition(ctx, record, {
    to: 'PENDING_APPROVAL',
    action: 'WAITING_FOR_DECISION',
    actor: 'workflow',
    changes: { taskToken: input.taskToken },
  });
  await ctx.notifier.requestApproval(waiting, approvalRuleFor(waiting, ctx.config));
}
