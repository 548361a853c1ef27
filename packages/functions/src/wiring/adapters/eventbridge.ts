import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '@access-broker/aws/eventbridge';
import { sdkClientConfig } from '@access-broker/aws/sdk-client-config';
import { lambdaRegion } from './region';

export function eventBridgePublisher(eventBusName: string) {
  return new EventBridgePublisher(
    new EventBridgeClient(sdkClientConfig({ region: lambdaRegion() })),
    eventBusName,
  );
}
