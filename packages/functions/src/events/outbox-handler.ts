import type { Metrics } from '@aws-lambda-powertools/metrics';
import { unmarshall } from '@aws-sdk/util-dynamodb';
// A deep import: the package's index would bring every adapter (and its SDK client) into this bundle's entry.
import { streamedItem } from '@access-broker/aws/dynamodb';
import {
  type ActivitySummary,
  activitySummary,
  type BrokerEvent,
  eventFromAudit,
  eventFromVendorChange,
  type GrantRecord,
  type VendorEvent,
} from '@access-broker/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { metricsForEvents } from './event-metrics';
import { escapeMrkdwn, oneLine } from '../slack/mrkdwn';
import type { HandlerDeps } from '../wiring/handler-deps';
import { lambdaHandler } from '../wiring/lambda-handler';

const ENDINGS = new Set(['EXPIRED', 'REVOKED']);
/**
 * The changes the request's message does not follow: its asking (await-decision posts the question) and the
 * reminder. Every other change edits the message to show where the request stands — a message kept after a
 * decision won the race included, so it catches up with whatever the workflow did meanwhile.
 */
const NOT_SHOWN = new Set(['REQUESTED', 'WAITING_FOR_DECISION', 'EXTENSION_REQUESTED', 'EXPIRY_REMINDER']);

/**
 * The requester hears, directly, that the grant ends soon and how to keep it: at the Slack id the request gave,
 * else at the one the config lists for the person the broker took the requester for.
 */
async function remindRequester(
  deps: Pick<HandlerDeps, 'notifier' | 'logger' | 'config'>,
  grant: GrantRecord,
) {
  const { person } = grant.requester;
  const slackUserId =
    grant.requester.slackUserId ??
    (person && Object.hasOwn(deps.config.people, person)
      ? deps.config.people[person]!.slackUserIds[0]
      : undefined);
  if (!slackUserId || !grant.expiresAt) return;
  const to = escapeMrkdwn(oneLine(grant.vendor?.displayName ?? grant.principal.arn));
  const text = `Access ${grant.id} for ${to} ends <!date^${Math.floor(Date.parse(grant.expiresAt) / 1000)}^{date_short_pretty} at {time}|${grant.expiresAt}>. Need longer? broker extend ${grant.id} --duration PT1H --justification "…"`;
  try {
    await deps.notifier.remind(slackUserId, grant, text);
  } catch (error) {
    deps.logger.warn('the requester could not be reminded', { requestId: grant.id, error: error as Error });
  }
}

/** Slack is told, but never holds up the events: a failed update is logged, and the next change retries. */
async function follow(
  deps: Pick<HandlerDeps, 'notifier' | 'logger'>,
  grant: GrantRecord,
  used: ActivitySummary | undefined,
) {
  try {
    await deps.notifier.announceOutcome(grant, used);
  } catch (error) {
    deps.logger.warn('the approval message could not be updated', {
      requestId: grant.id,
      error: error as Error,
    });
  }
}

/**
 * The transactional outbox, AWS side: a DynamoDB Streams consumer. Every audit entry committed together with
 * its state change becomes one EventBridge event, so events never disagree with state. A failure fails the
 * batch; the stream retries it, and the event id (request:seq) lets subscribers drop duplicates.
 */
export function outboxHandler(
  deps: Pick<HandlerDeps, 'store' | 'activity' | 'logger' | 'publisher' | 'notifier' | 'config'>,
  metrics: Metrics,
) {
  return lambdaHandler(deps.logger, async (event: DynamoDBStreamEvent) => {
    // The record as each change left it travels in the same batch as its audit entry (one transaction,
    // one partition): use that image, and read the table only for an entry whose record is not here.
    const images = event.Records.map((change) =>
      change.dynamodb?.NewImage
        ? streamedItem(unmarshall(change.dynamodb.NewImage as Parameters<typeof unmarshall>[0]))
        : undefined,
    );
    const recordAt = new Map<string, GrantRecord>();
    for (const item of images)
      if (item && 'record' in item) recordAt.set(`${item.record.id}:${item.record.version}`, item.record);
    const events: BrokerEvent[] = [];
    const vendorEvents: VendorEvent[] = [];
    // Each request's message is edited once per batch, to the last change the batch holds: stream order is
    // the order of changes, so the message ends where the request stands.
    const shown = new Map<string, { grant: GrantRecord; used: ActivitySummary | undefined }>();
    for (const [index, change] of event.Records.entries()) {
      const item = images[index];
      if (change.eventName !== 'INSERT' || !item) continue;
      if ('vendorChange' in item) {
        const published = eventFromVendorChange(item.vendorChange);
        if (published) vendorEvents.push(published);
        continue;
      }
      if (!('entry' in item)) continue;
      const { entry } = item;
      const grant =
        recordAt.get(`${entry.requestId}:${entry.seq}`) ?? (await deps.store.get(entry.requestId));
      if (!grant) continue;
      const used = ENDINGS.has(entry.action)
        ? activitySummary(await deps.activity.list(entry.requestId))
        : undefined;
      if (!NOT_SHOWN.has(entry.action))
        shown.set(grant.id, { grant, used: used ?? shown.get(grant.id)?.used });
      if (entry.action === 'EXPIRY_REMINDER') await remindRequester(deps, grant);
      const published = eventFromAudit(entry, grant);
      if (!published) continue;
      // The end of a grant tells ticketing what it was used for.
      if (used) published.detail.activity = used;
      events.push(published);
    }
    for (const { grant, used } of shown.values()) await follow(deps, grant, used);
    await deps.publisher.publish([...events, ...vendorEvents]);
    for (const point of metricsForEvents(events)) metrics.addMetric(point.name, point.unit, point.value);
    // Most batches change no counted state (a workflow storing its task token): they publish nothing, where
    // the logMetrics middleware would log a warning for each.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  });
}
