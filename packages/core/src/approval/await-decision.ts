import { approvalRuleFor } from './approver-check';
import { GrantConflictError } from '../errors';
import type { ApprovalMessageRef, GrantRecord } from '../requests/request-record';
import { pendingDecision } from './pending-decision';
import { transition } from '../requests/transition';
import type { BrokerContext } from '../context/broker-context';
import { decisionOutput } from './decision-output';
import { loadRequest } from '../requests/load-request';
import { isTerminal } from '../requests/grant-status';

const MAX_ATTEMPTS = 5;

const describeError = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

type Ctx = Pick<BrokerContext, 'config' | 'store' | 'clock' | 'notifier' | 'workflow'>;

/**
 * The workflow's wait step (invoked with a task token).
 * 1. Ask the approvers: the request's one message (a new one, or for an extension the request's own message
 *    asking again). A restarted workflow or a retry reuses the message already posted.
 * 2. Store the token and the message on the pending request, so whichever decision path wins can resume
 *    the workflow, and every later change edits that message.
 * A decision that lands first (an API approval racing the workflow, even between our read and our write)
 * resumes the workflow at once with that decision; the message still ends up showing that decision, and is
 * kept on a grant that goes on (so it follows it to the end) — no question is left with live buttons. A
 * message that could not be posted (Slack down) does not stop the wait: approvers still decide through the
 * API, and the audit trail and the returned `notifyError` (which the handler logs) say that Slack was not told.
 */
export async function awaitDecision(
  ctx: Ctx,
  input: { id: string; taskToken: string; record?: GrantRecord },
): Promise<{ notifyError?: string }> {
  let posted: ApprovalMessageRef | undefined;
  let askedAsQuestion = false;
  let notifyError: string | undefined;
  const failed = (error: unknown) => void (notifyError ??= describeError(error));
  for (let attempt = 1; ; attempt++) {
    // The record the previous step just read or wrote saves a read; a conflict means it was stale: read again.
    const record = attempt === 1 && input.record ? input.record : await loadRequest(ctx.store, input.id);
    const pending = pendingDecision(record);
    const ask = () => ctx.notifier.requestApproval(record, approvalRuleFor(record, ctx.config)).catch(failed);
    // Ask once per invocation: a new message, or (an extension) the request's message turned back into a question.
    if (!posted && !notifyError && pending) {
      askedAsQuestion = true;
      posted = await ask();
    }
    if (!pending) {
      // Provisioning waits for nobody: the workflow moves on first, then the message is settled.
      await ctx.workflow.resume(input.taskToken, decisionOutput(record));
      if (!posted && !notifyError && !record.approvalMessage) posted = await ask();
      if (posted) await settleMessage(ctx, input.id, posted, askedAsQuestion).catch(failed);
      return notifyError ? { notifyError } : {};
    }
    const message = record.approvalMessage ?? posted;
    try {
      await transition(ctx, record, {
        to: record.status,
        action: 'WAITING_FOR_DECISION',
        actor: 'workflow',
        changes: { taskToken: input.taskToken, ...(message ? { approvalMessage: message } : {}) },
        ...(notifyError ? { detail: { approversNotified: false, reason: notifyError } } : {}),
      });
      return notifyError ? { notifyError } : {};
    } catch (error) {
      if (!(error instanceof GrantConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * A decision won the race: a message posted as a question shows that decision instead, and a grant that goes
 * on keeps the message, so its later changes edit it (an ended request has no later changes to show). Written
 * beside whatever the workflow does meanwhile: same status, same deadline, retried on a conflict.
 */
async function settleMessage(ctx: Ctx, id: string, posted: ApprovalMessageRef, askedAsQuestion: boolean) {
  for (let attempt = 1; ; attempt++) {
    const record = await loadRequest(ctx.store, id);
    if (askedAsQuestion && attempt === 1)
      await ctx.notifier.announceOutcome({ ...record, approvalMessage: record.approvalMessage ?? posted });
    if (record.approvalMessage || isTerminal(record.status)) return;
    try {
      await transition(ctx, record, {
        to: record.status,
        action: 'APPROVAL_MESSAGE_KEPT',
        actor: 'workflow',
        changes: { approvalMessage: posted, dueAt: record.dueAt },
      });
      return;
    } catch (error) {
      if (!(error instanceof GrantConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
