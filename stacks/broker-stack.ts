import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { BrokerResources } from '@access-broker/functions';
import { Config, EventBus, type Stack, type StackContext, type Table } from 'sst/constructs';
import { BrokerAlarms } from './broker/broker-alarms';
import { functionFactory, setFunctionDefaults } from './broker/broker-functions';
import { ExpirySchedules } from './broker/expiry-schedules';
import { grantTable } from './broker/grant-table';
import { permissionsBoundary } from './broker/permissions-boundary';
import { TicketingForwarder } from './broker/ticketing-forwarder';
import {
  busRules,
  cloudTrailRules,
  expiryTargets,
  httpRoutes,
  tableStreamConsumers,
  timers,
  workflowTasks,
} from './broker/triggers';
import { deployConfig } from './deploy-config';
import { applyNagSuppressions } from './nag-suppressions';

/**
 * The broker in one account (DESIGN.md "Deploy"): the table, the bus, the boundary, the schedules, then every
 * function the catalog declares, attached to its trigger, and the alarms over all of it.
 */
export async function BrokerStack({ stack, app }: StackContext) {
  const { config, path: configPath } = await deployConfig();
  const prefix = `${app.stage}-${app.name}`;
  const boundary = permissionsBoundary(stack, config, app.stage);
  const table = grantTable(stack);
  const bus = new EventBus(stack, 'Events');
  const dlq = deadLetterQueues(stack);
  // `sst secrets set` stores these in SSM; functions declared with Slack read them there on first use.
  new Config.Secret(stack, 'SLACK_SIGNING_SECRET');
  new Config.Secret(stack, 'SLACK_BOT_TOKEN');
  setFunctionDefaults(stack, configPath);

  // The expire function's name is fixed per stage so schedules can target it without a reference cycle.
  const expireFunctionName = `${prefix}-expire`;
  const expireFunctionArn = `arn:${config.broker.partition}:lambda:${stack.region}:${stack.account}:function:${expireFunctionName}`;
  const schedules = new ExpirySchedules(stack, 'ExpirySchedules', {
    groupName: prefix,
    expireFunctionArn,
    deadLetterQueue: dlq.expiry,
  });
  const resources = brokerResources(stack, app.name, config.broker.partition, {
    table,
    bus,
    schedules,
    boundary,
    expiryDlq: dlq.expiry,
  });

  // The state machine's ARN is only known once its task functions exist; no task function needs it.
  const workflow = workflowTasks(
    stack,
    `${prefix}-approval`,
    functionFactory(stack, config, resources, undefined),
  );
  const create = functionFactory(stack, config, resources, workflow.stateMachineArn);
  const api = httpRoutes(stack, config, create);
  expiryTargets(create, schedules, expireFunctionName);
  const timed = timers(stack, create);
  const [outbox] = tableStreamConsumers(table, create, dlq.outbox);
  busRules(stack, bus.cdk.eventBus, create, dlq.handoff);
  cloudTrailRules(stack, config, create, dlq.activity);

  const ticketing = config.ticketing
    ? new TicketingForwarder(stack, 'Ticketing', { bus: bus.cdk.eventBus, ticketing: config.ticketing })
    : undefined;
  const alarms = new BrokerAlarms(stack, 'Alarms', {
    bus: bus.cdk.eventBus,
    stateMachineArn: workflow.stateMachineArn,
    outbox: outbox!,
    sweeper: timed.get('sweep')!,
    reconciler: timed.get('reconcile')!,
    deadLetterQueues: [...Object.values(dlq), ...(ticketing ? [ticketing.deadLetterQueue] : [])],
  });
  applyNagSuppressions(stack, boundary.policy);
  stack.addOutputs({
    ApiUrl: api.url,
    EventBusName: bus.eventBusName,
    PermissionsBoundaryArn: boundary.policy.managedPolicyArn,
    StateMachineArn: workflow.stateMachineArn,
    // Subscribe the on-call here: it pages on Revocation Failed and on every dead letter.
    AlertsTopicArn: alarms.topic.topicArn,
  });
  return { api, table, bus, boundaryArn: boundary.arn };
}

function deadLetterQueues(stack: Stack) {
  const queue = (id: string) =>
    new Queue(stack, id, {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
  return {
    expiry: queue('ExpiryDeadLetters'),
    outbox: queue('OutboxDeadLetters'),
    handoff: queue('HandoffDeadLetters'),
    activity: queue('ActivityDeadLetters'),
  };
}

/** The names and ARNs the functions are given (the state machine's comes once its task functions exist). */
function brokerResources(
  stack: Stack,
  appName: string,
  partition: string,
  parts: {
    table: Table;
    bus: EventBus;
    schedules: ExpirySchedules;
    boundary: { name: string; arn: string };
    expiryDlq: Queue;
  },
): Omit<BrokerResources, 'stateMachineArn'> {
  const { table, bus, schedules, boundary } = parts;
  const secretParameterName = (name: string) => `/sst/${appName}/${stack.stage}/Secret/${name}/value`;
  return {
    partition,
    region: stack.region,
    accountId: stack.account,
    tableName: table.tableName,
    tableArn: table.tableArn,
    eventBusName: bus.eventBusName,
    eventBusArn: bus.eventBusArn,
    scheduleGroupName: schedules.groupName,
    expireFunctionArn: schedules.expireFunctionArn,
    schedulerRoleArn: schedules.role.roleArn,
    expiryDeadLetterQueueArn: parts.expiryDlq.queueArn,
    permissionsBoundaryName: boundary.name,
    permissionsBoundaryArn: boundary.arn,
    secretParameterNames: {
      SLACK_BOT_TOKEN: secretParameterName('SLACK_BOT_TOKEN'),
      SLACK_SIGNING_SECRET: secretParameterName('SLACK_SIGNING_SECRET'),
    },
  };
}
