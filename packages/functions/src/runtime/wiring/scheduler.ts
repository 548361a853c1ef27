import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeExpiryScheduler, sdkClientConfig } from '@access-broker/aws';
import { lambdaEnv } from '../lambda-env';

export function expiryScheduler() {
  const env = lambdaEnv([
    'region',
    'scheduleGroupName',
    'expireFunctionArn',
    'schedulerRoleArn',
    'expiryDeadLetterQueueArn',
  ]);
  return new EventBridgeExpiryScheduler(new SchedulerClient(sdkClientConfig({ region: env.region })), {
    groupName: env.scheduleGroupName,
    functionArn: env.expireFunctionArn,
    roleArn: env.schedulerRoleArn,
    deadLetterQueueArn: env.expiryDeadLetterQueueArn,
  });
}
