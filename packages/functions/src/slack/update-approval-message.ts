import type { GrantRecord } from '@access-broker/core';
import type { HandlerDeps } from '../wiring/handler-deps';

/**
 * Edits the approval message after a change the caller already committed. Slack failing cannot undo that
 * change, so its error is logged, not thrown (an API answer would otherwise be a 500 for a decision that
 * stands); the outbox edits the message again at the grant's next change.
 */
export async function updateApprovalMessage(
  deps: Pick<HandlerDeps, 'notifier' | 'logger'>,
  record: GrantRecord,
) {
  await deps.notifier.announceOutcome(record).catch((error: unknown) =>
    deps.logger.error('the approval message was not updated', {
      requestId: record.id,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    }),
  );
}
