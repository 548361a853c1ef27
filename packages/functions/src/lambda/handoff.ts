import { type BusEvent, deliverHandoff } from '../handoff/deliver-handoff';
import { lambdaDeps } from '../runtime/lambda-deps';
import { lambdaHandler } from '../runtime/lambda-handler';

const deps = lambdaDeps('handoff');

/** EventBridge → the vendor's webhook. A throw makes EventBridge retry with backoff, then dead-letter. */
export const handler = lambdaHandler(deps.logger, (event: BusEvent) =>
  deliverHandoff({ ...deps, region: deps.config.broker.region, egress: deps.config.egress }, event),
);
