import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher, sdkClientConfig } from '@access-broker/aws';
import { lambdaRegion } from './region';

export function eventBridgePublisher(eventBusName: string) {
  return new EventBridgePublisher(
    new EventBridgeClient(sdkClientConfig({ region: lambdaRegion() })),
    eventBusName,
  );
}
