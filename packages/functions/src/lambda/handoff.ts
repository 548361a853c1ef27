import { type BusEvent, deliverHandoff } from '../vendors/deliver-handoff';
import { lambdaDeps } from '../wiring/lambda-deps';
import { lambdaHandler } from '../wiring/lambda-handler';

const deps = lambdaDeps('handoff');

/** EventBridge → the vendor's webhook. A throw makes EventBridge retry with backoff, then dead-letter. */
export const handler = lambdaHandler(deps.logger, (event: BusEvent) =>
  deliverHandoff({ ...deps, region: deps.config.broker.region, egress: deps.config.egress }, event),
);
