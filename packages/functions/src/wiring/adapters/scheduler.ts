import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeExpiryScheduler } from '@access-broker/aws/scheduler';
import { sdkClientConfig } from '@access-broker/aws/sdk-client-config';
import { type FunctionEnv, required } from '../function-env';
import { lambdaRegion } from './region';

export function expiryScheduler(env: FunctionEnv) {
  return new EventBridgeExpiryScheduler(new SchedulerClient(sdkClientConfig({ region: lambdaRegion() })), {
    groupName: required(env, 'scheduleGroupName'),
    functionArn: required(env, 'expireFunctionArn'),
    roleArn: required(env, 'schedulerRoleArn'),
    deadLetterQueueArn: required(env, 'expiryDeadLetterQueueArn'),
  });
}
