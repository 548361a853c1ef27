import { type Api, ok, type RequestSummary, type RequestView } from '../api';
import { mayDecide } from '../may-decide';
import { DecisionForm, DecisionRule } from '../parts/decision';
import { ErrorNote } from '../parts/error-note';
import { PolicyView } from '../parts/policy-view';
import { useLoad } from '../parts/use-load';
import { plain, requesterName } from '../format';
import { requestHref } from '../route';
import { useSession, type Session } from '../session';

/**
 * Every request, or extension, this person could decide now, whole: the list says which wait for approvers
 * (`awaiting`), and only those are read in full (the rule, the approvals, the policy).
 */
async function waitingFor({ api, me }: Session): Promise<RequestView[]> {
  const listed = await Promise.all([everyListed(api, 'PENDING_APPROVAL'), everyListed(api, 'ACTIVE')]);
  const views = await Promise.all(
    listed
      .flat()
      .filter((item) => item.awaiting)
      .map((item) => ok(api.GET('/v1/requests/{id}', { params: { path: { id: item.id } } }))),
  );
  return views.filter((view) => mayDecide(me, view));
}

/** Every request in this status the person may see, page after page (the API's cursor). */
async function everyListed(api: Api, status: 'PENDING_APPROVAL' | 'ACTIVE'): Promise<RequestSummary[]> {
  const items: RequestSummary[] = [];
  let cursor: string | undefined;
  do {
    const query = { status, limit: 100, ...(cursor ? { cursor } : {}) };
    const page = await ok(api.GET('/v1/requests', { params: { query } }));
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/** Waiting for me: what this person may decide, with the rule, the policy and the time left. */
export function WaitingForMe() {
  const session = useSession();
  const waiting = useLoad(() => waitingFor(session), [], 10_000);
  return (
    <section aria-labelledby="waiting-title">
      <h1 id="waiting-title">Waiting for me</h1>
      <ErrorNote error={waiting.error} />
      {waiting.data?.length === 0 && <p>Nothing waits for your decision.</p>}
      {waiting.data === undefined && !waiting.error && <p>Loading…</p>}
      {waiting.data?.map((request) => (
        <article class="card" key={request.id} aria-labelledby={`title-${request.id}`}>
          <h2 id={`title-${request.id}`}>
            <a href={requestHref(request.id)}>
              {plain(request.vendor?.displayName ?? request.principal.arn)}
            </a>{' '}
            asks for {request.profile ?? 'a custom policy'}
          </h2>
          <dl class="facts">
            <dt>Asked by</dt>
            <dd>{requesterName(request)}</dd>
            <dt>Why</dt>
            <dd>{plain(request.justification)}</dd>
            <dt>For</dt>
            <dd>
              {request.extension && request.pendingDecision?.forExtension
                ? `${request.extension.duration} more (${plain(request.extension.justification)})`
                : request.duration}
            </dd>
            <dt>Account</dt>
            <dd>{request.targetAccountIds?.join(', ') ?? request.targetAccountId}</dd>
            {request.ticket && (
              <>
                <dt>Ticket</dt>
                <dd>{plain(`${request.ticket.system} ${request.ticket.key}`)}</dd>
              </>
            )}
          </dl>
          <DecisionRule request={request} />
          <PolicyView request={request} />
          <DecisionForm request={request} onDecided={waiting.reload} />
        </article>
      ))}
    </section>
  );
}
