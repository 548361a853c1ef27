import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type AuditEntry, type BrokerEvent, eventFromAudit } from '@access-broker/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { metricsForEvents } from '../metrics/event-metrics';
import type { HandlerDeps } from '../runtime/handler-deps';
import { lambdaHandler } from '../runtime/lambda-handler';

/**
 * The transactional outbox, AWS side: a DynamoDB Streams consumer. Every audit entry committed together with
 * its state change becomes one EventBridge event, so events never disagree with state. A failure fails the
 * batch; the stream retries it, and the event id (request:seq) lets subscribers drop duplicates.
 */
export function outboxHandler(deps: Pick<HandlerDeps, 'store' | 'logger' | 'publisher'>, metrics: Metrics) {
  return lambdaHandler(
    deps.logger,
    async (event: DynamoDBStreamEvent) => {
      const events: BrokerEvent[] = [];
      for (const record of event.Records) {
        const image = record.dynamodb?.NewImage;
        if (record.eventName !== 'INSERT' || !image || !String(image.sk?.S ?? '').startsWith('EVT#'))
          continue;
        const entry = unmarshall(image as Parameters<typeof unmarshall>[0]).entry as AuditEntry;
        const grant = await deps.store.get(entry.requestId);
        const published = grant && eventFromAudit(entry, grant);
        if (published) events.push(published);
      }
      await deps.publisher.publish(events);
      for (const point of metricsForEvents(events)) metrics.addMetric(point.name, point.unit, point.value);
    },
    logMetrics(metrics),
  );
}
