import { declarationOf, isGrantSessionCall } from '@access-broker/functions';
import { LocalBusRules } from '../aws/local-bus-rules';
import type { DeliveredEvent } from '../aws/local-eventbridge';
import type { LocalLambda } from '../lambda/local-lambda';
import type { DeployedFunction } from './local-deployment';

const CLOUDTRAIL = 'AWS API Call via CloudTrail';

/**
 * The EventBridge rules whose targets are broker functions, as the stack declares them: on the broker's bus
 * (the vendor hand-off) and on the default bus (CloudTrail's events of grant sessions, for the activity).
 */
export function localEventRules(
  functions: readonly DeployedFunction[],
  lambda: LocalLambda,
  context: { account: string; region: string; partition: string; print: (line: string) => void },
) {
  const target = (fn: DeployedFunction) => (event: unknown) => lambda.invoke(fn.arn, event);
  const options = (label: string) => ({
    account: context.account,
    region: context.region,
    deadLetter: (event: DeliveredEvent, error: unknown) =>
      context.print(`[${label}] ${event.detailType} ${event.id} dead-lettered: ${String(error)}`),
  });
  const bus = new LocalBusRules(
    functions.flatMap((fn) => {
      const trigger = declarationOf(fn.name).trigger;
      if (trigger.kind !== 'busEvents') return [];
      const withDetail = trigger.withDetail ? { withDetail: trigger.withDetail } : {};
      return [{ detailTypes: trigger.detailTypes, ...withDetail, invoke: target(fn) }];
    }),
    options('events'),
  );
  const cloudTrail = new LocalBusRules(
    functions.flatMap((fn) =>
      declarationOf(fn.name).trigger.kind === 'cloudTrail'
        ? [{ detailTypes: [CLOUDTRAIL], invoke: target(fn) }]
        : [],
    ),
    options('cloudtrail'),
  );
  return {
    /** An event put on the broker's bus. */
    onBusEvent: (event: DeliveredEvent) => bus.route(event),
    /** A CloudTrail record of the local AWS: only grant sessions' calls match the rule. */
    onCloudTrail(record: Record<string, unknown>) {
      if (!isGrantSessionCall(record, context.partition)) return;
      cloudTrail.route({
        id: String(record.eventID),
        source: `aws.${String(record.eventSource).split('.')[0]}`,
        detailType: CLOUDTRAIL,
        time: String(record.eventTime),
        detail: record,
      });
    },
    async idle() {
      await bus.idle();
      await cloudTrail.idle();
    },
  };
}
