import { Metrics } from '@aws-lambda-powertools/metrics';
import { outboxHandler } from '../events/outbox-handler';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = outboxHandler(
  lambdaDeps('outbox'),
  new Metrics({ namespace: 'AccessBroker', serviceName: 'access-broker' }),
);
