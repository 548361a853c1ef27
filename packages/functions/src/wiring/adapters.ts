import { type BrokerConfig, displayNameOf, durationSeconds } from '@access-broker/core';
import type { Capability } from '../catalog/capabilities';
import { type FunctionEnv, required } from './function-env';
import { clientConfig } from './client-config';
import { readSecret } from './read-secret';

export type Port =
  | 'store'
  | 'vendors'
  | 'activity'
  | 'provisioner'
  | 'scheduler'
  | 'workflow'
  | 'notifier'
  | 'publisher'
  | 'inventory';

interface Adapter {
  /** The capabilities (function-catalog.ts) that bring this adapter; a function declared with none gets none. */
  when: Capability[];
  create(env: FunctionEnv, config: BrokerConfig): Promise<object>;
}

/**
 * Which adapter runs behind each port, and which capability brings it. Each is made on first use, from
 * dynamic imports: a function loads no SDK client, and fetches no secret, that its request does not need.
 */
export const ADAPTERS: Record<Port, Adapter> = {
  store: {
    when: ['readStore', 'writeStore'],
    create: async (env) => {
      const { DynamoGrantStore } = await import('@access-broker/aws/dynamodb');
      return new DynamoGrantStore(await dynamodb(), { tableName: required(env, 'tableName') });
    },
  },
  vendors: {
    when: ['readStore', 'writeStore'],
    create: async (env) => {
      const { DynamoVendorStore } = await import('@access-broker/aws/dynamodb');
      return new DynamoVendorStore(await dynamodb(), required(env, 'tableName'));
    },
  },
  activity: {
    when: ['readStore', 'writeStore'],
    create: async (env) => {
      const { DynamoActivityStore } = await import('@access-broker/aws/dynamodb');
      return new DynamoActivityStore(await dynamodb(), required(env, 'tableName'));
    },
  },
  // Functions that only resume or abort executions have no state machine ARN, and need none.
  workflow: {
    when: ['startWorkflow', 'resumeWorkflow'],
    create: async (env) => {
      const [{ SFNClient }, { StepFunctionsWorkflow }] = await Promise.all([
        import('@aws-sdk/client-sfn'),
        import('@access-broker/aws/stepfunctions'),
      ]);
      return new StepFunctionsWorkflow(new SFNClient(await clientConfig()), env.stateMachineArn);
    },
  },
  scheduler: {
    when: ['schedules'],
    create: async (env) => {
      const [{ SchedulerClient }, { EventBridgeExpiryScheduler }] = await Promise.all([
        import('@aws-sdk/client-scheduler'),
        import('@access-broker/aws/scheduler'),
      ]);
      return new EventBridgeExpiryScheduler(new SchedulerClient(await clientConfig()), {
        groupName: required(env, 'scheduleGroupName'),
        functionArn: required(env, 'expireFunctionArn'),
        roleArn: required(env, 'schedulerRoleArn'),
        deadLetterQueueArn: required(env, 'expiryDeadLetterQueueArn'),
      });
    },
  },
  provisioner: {
    when: ['provision'],
    create: async (_env, config) => {
      const { IamRoleProvisioner } = await import('@access-broker/aws/iam');
      const propagationDelayMs = durationSeconds(config.limits.iamPropagationDelay) * 1000;
      return new IamRoleProvisioner(await iamClients(config), { propagationDelayMs });
    },
  },
  inventory: {
    when: ['inventory'],
    create: async (_env, config) => {
      const { IamRoleInventory } = await import('@access-broker/aws/iam');
      return new IamRoleInventory(await iamClients(config));
    },
  },
  // Slack's Web API, with the bot token from SSM.
  notifier: {
    when: ['slack'],
    create: async (env, config) => {
      const channel = config.slack?.approvalChannel;
      if (!channel) throw new Error('config.slack.approvalChannel is required for Slack approvals');
      const [{ slackNotifier }, token] = await Promise.all([
        import('../slack/slack-notifier'),
        readSecret(required(env, 'slackBotTokenParameter')),
      ]);
      return slackNotifier(token, channel, process.env.SLACK_API_URL, (actor) =>
        displayNameOf(config, actor),
      );
    },
  },
  publisher: {
    when: ['events'],
    create: async (env) => {
      const [{ EventBridgeClient }, { EventBridgePublisher }] = await Promise.all([
        import('@aws-sdk/client-eventbridge'),
        import('@access-broker/aws/eventbridge'),
      ]);
      return new EventBridgePublisher(
        new EventBridgeClient(await clientConfig()),
        required(env, 'eventBusName'),
      );
    },
  },
};

/** IAM in the home account with the function's own role; in every other, through its provisioner role. */
async function iamClients(config: BrokerConfig) {
  const [{ IAMClient }, { STSClient }, { TargetAccountIamClients }] = await Promise.all([
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-sts'),
    import('@access-broker/aws/iam'),
  ]);
  const sdk = await clientConfig();
  return new TargetAccountIamClients({
    homeAccountId: config.broker.homeAccountId,
    home: new IAMClient(sdk),
    targets: config.targetAccounts,
    sts: new STSClient(sdk),
    clientConfig: sdk,
  });
}

// One DynamoDB client per instance, shared by the three stores.
let dynamoClient: Promise<import('@aws-sdk/client-dynamodb').DynamoDBClient> | undefined;
function dynamodb() {
  dynamoClient ??= Promise.all([import('@aws-sdk/client-dynamodb'), clientConfig()]).then(
    ([{ DynamoDBClient }, config]) => new DynamoDBClient(config),
  );
  return dynamoClient;
}
