import { ok, type RequestView } from '../api';
import { ActivityChart } from '../parts/activity-chart';
import { ActivityTable } from '../parts/activity-table';
import { Countdown } from '../parts/countdown';
import { mayDecide } from '../may-decide';
import { DecisionForm, DecisionRule } from '../parts/decision';
import { ErrorNote } from '../parts/error-note';
import { EvidenceButton, GrantActions, isEnded } from '../parts/grant-actions';
import { PolicyView } from '../parts/policy-view';
import { Timeline } from '../parts/timeline';
import { useLoad } from '../parts/use-load';
import { nameIn, plain, requesterName, statusLabel, when } from '../format';
import { useSession } from '../session';

/** A grant, whole: what was asked, the decision, the role and its expiry, its story and what it was used for. */
export function GrantPage({ id }: { id: string }) {
  const { api, me } = useSession();
  const path = { params: { path: { id } } };
  const loaded = useLoad(() => ok(api.GET('/v1/requests/{id}', path)), [id], 3000);
  const request = loaded.data;
  const live = request !== undefined && !isEnded(request);
  const audit = useLoad(() => ok(api.GET('/v1/requests/{id}/audit', path)), [id, request?.version]);
  const activity = useLoad(() => ok(api.GET('/v1/requests/{id}/activity', path)), [id], live ? 4000 : 0);
  if (!request) return loaded.error ? <ErrorNote error={loaded.error} /> : <p>Loading…</p>;
  return (
    <section aria-labelledby="grant-title">
      <h1 id="grant-title">
        {plain(request.vendor?.displayName ?? request.principal.arn)}: {request.profile ?? 'custom policy'}{' '}
        <span class={`status status-${request.status.toLowerCase()}`}>{statusLabel(request.status)}</span>
      </h1>
      <ErrorNote error={loaded.error} />
      <RequestFacts request={request} />
      <DecisionRule request={request} />
      {mayDecide(me, request) && <DecisionForm request={request} onDecided={loaded.reload} />}
      {request.grant && <GrantDetails request={request} grant={request.grant} />}
      <GrantActions request={request} done={loaded.reload} />
      <h2>What it allows</h2>
      <PolicyView request={request} />
      <h2>Timeline</h2>
      <ErrorNote error={audit.error} />
      {audit.data && <Timeline entries={audit.data.items} />}
      <h2>Activity</h2>
      <ErrorNote error={activity.error} />
      {activity.data && activity.data.items.length === 0 && <p>No calls recorded with this grant.</p>}
      {activity.data && activity.data.items.length > 0 && (
        <>
          <ActivityChart records={activity.data.items} />
          <ActivityTable records={activity.data.items} />
        </>
      )}
      <h2>Evidence</h2>
      <EvidenceButton id={request.id} />
    </section>
  );
}

function RequestFacts({ request }: { request: RequestView }) {
  return (
    <dl class="facts">
      <dt>Request</dt>
      <dd>
        <code>{request.id}</code>
      </dd>
      <dt>Asked by</dt>
      <dd>{requesterName(request)}</dd>
      <dt>Third party</dt>
      <dd>
        {request.vendor ? `${plain(request.vendor.displayName)} (${request.vendor.id}) ` : ''}
        <code>{request.principal.arn}</code>
      </dd>
      <dt>Account</dt>
      <dd>{request.targetAccountIds?.join(', ') ?? request.targetAccountId}</dd>
      <dt>Profile</dt>
      <dd>
        {request.profile ?? 'custom policy'}{' '}
        {Object.entries(request.parameters ?? {}).map(([name, value]) => (
          <code key={name}>
            {name}={value}{' '}
          </code>
        ))}
      </dd>
      <dt>Duration</dt>
      <dd>{request.duration}</dd>
      <dt>Why</dt>
      <dd>{plain(request.justification)}</dd>
      {request.ticket && (
        <>
          <dt>Ticket</dt>
          <dd>{plain(`${request.ticket.system} ${request.ticket.key}`)}</dd>
        </>
      )}
      <dt>Asked at</dt>
      <dd>{when(request.createdAt)}</dd>
      {request.decision && (
        <>
          <dt>Decision</dt>
          <dd>
            {request.decision.outcome} by {nameIn(request, request.decision.by)} at{' '}
            {when(request.decision.at)}
            {request.decision.comment ? `: ${plain(request.decision.comment)}` : ''}
          </dd>
        </>
      )}
      {request.revocation && (
        <>
          <dt>Revoked</dt>
          <dd>by {nameIn(request, request.revocation.by)}</dd>
        </>
      )}
    </dl>
  );
}

function GrantDetails({
  request,
  grant,
}: {
  request: RequestView;
  grant: NonNullable<RequestView['grant']>;
}) {
  return (
    <div class="grant">
      <h2>The grant</h2>
      <dl class="facts">
        <dt>Role</dt>
        <dd>
          <code>{grant.roleArn}</code>
        </dd>
        <dt>Usable from</dt>
        <dd>{when(grant.usableFrom)}</dd>
        <dt>Ends</dt>
        <dd>
          {when(grant.expiresAt)} (<Countdown until={grant.expiresAt} done="ending now" />)
        </dd>
        {grant.externalId && (
          <>
            <dt>External ID</dt>
            <dd>
              <code>{grant.externalId}</code>
            </dd>
          </>
        )}
      </dl>
      {grant.awsCliProfile && (
        <>
          <h3>The third party's AWS CLI profile</h3>
          <pre class="profile">{grant.awsCliProfile}</pre>
        </>
      )}
      {request.extension && !request.extension.approved && (
        <p>An extension of {request.extension.duration} waits for approval.</p>
      )}
    </div>
  );
}
