import { Metrics } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher, sdkClientConfig } from '@access-broker/aws';
import { outboxHandler } from '../events/outbox-handler';
import { lambdaDeps } from '../runtime/lambda-deps';
import { lambdaEnv } from '../runtime/lambda-env';
import { dynamoStore } from '../runtime/wiring/dynamo';

const { region, eventBusName } = lambdaEnv(['region', 'eventBusName']);
export const handler = outboxHandler(
  lambdaDeps(() => ({ store: dynamoStore() })),
  new EventBridgePublisher(new EventBridgeClient(sdkClientConfig({ region })), eventBusName),
  new Metrics({ namespace: 'AccessBroker', serviceName: 'access-broker' }),
);
