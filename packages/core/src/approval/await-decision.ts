import { approvalRuleFor } from './approver-check';
import { GrantConflictError } from '../errors';
import type { ApprovalMessageRef, GrantRecord } from '../requests/request-record';
import { pendingDecision } from './pending-decision';
import { transition } from '../requests/transition';
import type { BrokerContext } from '../context/broker-context';
import { decisionOutput } from './decision-output';
import { loadRequest } from '../requests/load-request';

const MAX_ATTEMPTS = 5;

const describeError = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

/**
 * The workflow's wait step (invoked with a task token).
 * 1. Ask the approvers (once: a restarted workflow or a retry reuses the message already posted).
 * 2. Store the token and the message on the pending request, so whichever decision path wins can resume
 *    the workflow and update the message.
 * A decision that lands first (an API approval racing the workflow, even between our read and our write)
 * resumes the workflow at once with that decision. A message that could not be posted (Slack down) does not
 * stop the wait: approvers still decide through the API, and the audit trail and the returned `notifyError`
 * (which the handler logs) say that Slack was not told.
 */
export async function awaitDecision(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'notifier' | 'workflow'>,
  input: { id: string; taskToken: string; record?: GrantRecord },
): Promise<{ notifyError?: string }> {
  let posted: ApprovalMessageRef | undefined;
  let notifyError: string | undefined;
  for (let attempt = 1; ; attempt++) {
    // The record the previous step just read or wrote saves a read; a conflict means it was stale: read again.
    const record = attempt === 1 && input.record ? input.record : await loadRequest(ctx.store, input.id);
    const pending = pendingDecision(record);
    if (!pending) {
      await ctx.workflow.resume(input.taskToken, decisionOutput(record));
      return {};
    }
    // An extension gets a message of its own; the request's message is reused after a restart.
    const reusable = pending === 'request' ? record.approvalMessage : undefined;
    if (!posted && !notifyError && !reusable)
      posted = await ctx.notifier
        .requestApproval(record, approvalRuleFor(record, ctx.config))
        .catch((error: unknown) => void (notifyError = describeError(error)));
    posted ??= reusable;
    try {
      await transition(ctx, record, {
        to: record.status,
        action: 'WAITING_FOR_DECISION',
        actor: 'workflow',
        changes: { taskToken: input.taskToken, ...(posted ? { approvalMessage: posted } : {}) },
        ...(notifyError ? { detail: { approversNotified: false, reason: notifyError } } : {}),
      });
      return notifyError ? { notifyError } : {};
    } catch (error) {
      if (!(error instanceof GrantConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
