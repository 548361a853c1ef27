import { busEventsPattern, declarationOf, grantSessionPattern } from '@access-broker/functions';
import { type DeliveredEvent, LocalBusRules } from '@access-broker/local-aws';
import type { LocalLambda } from '../lambda/local-lambda';
import type { DeployedFunction } from './local-deployment';

const CLOUDTRAIL = 'AWS API Call via CloudTrail';

/**
 * The EventBridge rules whose targets are broker functions, with the stack's own patterns: on the broker's
 * bus (the vendor hand-off) and on the default bus (CloudTrail's events of grant sessions, for the activity).
 */
export function localEventRules(
  functions: readonly DeployedFunction[],
  lambda: LocalLambda,
  context: { region: string; partition: string; print: (line: string) => void },
) {
  const target = (fn: DeployedFunction) => (event: unknown) => lambda.invoke(fn.arn, event);
  const options = (label: string) => ({
    region: context.region,
    deadLetter: (event: DeliveredEvent, error: unknown) =>
      context.print(`[${label}] ${event.detailType} ${event.id} dead-lettered: ${String(error)}`),
  });
  const bus = new LocalBusRules(
    functions.flatMap((fn) => {
      const trigger = declarationOf(fn.name).trigger;
      return trigger.kind === 'busEvents' ? [{ pattern: busEventsPattern(trigger), invoke: target(fn) }] : [];
    }),
    options('events'),
  );
  const defaultBus = new LocalBusRules(
    functions.flatMap((fn) =>
      declarationOf(fn.name).trigger.kind === 'cloudTrail'
        ? [{ pattern: grantSessionPattern(context.partition), invoke: target(fn) }]
        : [],
    ),
    options('default bus'),
  );
  return {
    /** An event put on the broker's bus. */
    onBusEvent: (event: DeliveredEvent) => bus.route(event),
    /** An event put on the default bus by a caller (never with an `aws.` source: PutEvents refuses those). */
    onDefaultBusEvent: (event: DeliveredEvent) => defaultBus.route(event),
    /** A CloudTrail record of the local AWS, as AWS itself emits it onto the account's default bus. */
    onCloudTrail(record: Record<string, unknown>) {
      defaultBus.route({
        id: String(record.eventID),
        source: `aws.${String(record.eventSource).split('.')[0]}`,
        detailType: CLOUDTRAIL,
        time: String(record.eventTime),
        account: String(record.recipientAccountId),
        detail: record,
      });
    },
    async idle() {
      await bus.idle();
      await defaultBus.idle();
    },
  };
}
