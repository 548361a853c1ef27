import { useState } from 'preact/hooks';
import { ok, type RequestView } from '../api';
import { count, nameIn } from '../format';
import { useSession } from '../session';
import { Countdown } from './countdown';
import { ErrorNote } from './error-note';

/** The rule the approvers are asked under: N of M, who has approved so far, and the time left. */
export function DecisionRule({ request }: { request: RequestView }) {
  const asked = request.pendingDecision;
  if (!asked) return null;
  const approvals = (asked.forExtension ? request.extension?.approvals : request.approvals) ?? [];
  return (
    <p class="rule">
      {asked.forExtension ? 'An extension needs ' : 'Needs '}
      <strong>{count(asked.approvalsRequired, 'approval')}</strong> from the group{' '}
      <code>{asked.approverGroup}</code>;{' '}
      {approvals.length
        ? `approved so far by ${approvals.map((approval) => nameIn(request, approval.by)).join(', ')}`
        : 'nobody has approved yet'}
      . <Countdown until={asked.decideBy} done="The wait has ended." />
    </p>
  );
}

/** Approve or Deny with a comment, through `POST /v1/requests/{id}/decision`. */
export function DecisionForm({ request, onDecided }: { request: RequestView; onDecided(): void }) {
  const { api } = useSession();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'deny') => {
    setBusy(true);
    setError(undefined);
    try {
      await ok(
        api.POST('/v1/requests/{id}/decision', {
          params: { path: { id: request.id } },
          body: { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      );
      onDecided();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };
  const field = `comment-${request.id}`;
  return (
    <form class="decision" onSubmit={(event) => event.preventDefault()}>
      <label for={field}>Comment (optional)</label>
      <input id={field} value={comment} maxLength={500} onInput={(e) => setComment(e.currentTarget.value)} />
      <div class="buttons">
        <button type="button" class="approve" disabled={busy} onClick={() => decide('approve')}>
          Approve
        </button>
        <button type="button" class="deny" disabled={busy} onClick={() => decide('deny')}>
          Deny
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
