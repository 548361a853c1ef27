import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ManagedPolicy, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { buildPermissionsBoundary, ROLE_PATH } from '@access-broker/core';
import { HTTP_ROUTES } from '@access-broker/functions';
import { Api, Config, Cron, EventBus, Function, type StackContext, Table } from 'sst/constructs';
import { BrokerAlarms } from './broker-alarms';
import {
  BACKGROUND_FUNCTIONS,
  type Capability,
  type FunctionSpec,
  handlerPath,
  HTTP_FUNCTIONS,
  WORKFLOW_FUNCTIONS,
} from './broker-functions';
import { permissions } from './broker-permissions';
import { ApprovalStateMachine } from './approval-state-machine';
import { deployConfig } from './deploy-config';
import { ExpirySchedules } from './expiry-schedules';
import { TicketingForwarder } from './ticketing-forwarder';
import { applyNagSuppressions } from './nag-suppressions';
import { esbuildOptions } from './function-bundling';

/** The broker in one account: DESIGN.md "Deploy". */
export async function BrokerStack({ stack, app }: StackContext) {
  const { config, path: configPath } = await deployConfig();
  const prefix = `${app.stage}-${app.name}`;
  const boundaryName = `${config.broker.permissionsBoundaryName}-${app.stage}`;
  const boundaryArn = `arn:${config.broker.partition}:iam::${stack.account}:policy${ROLE_PATH}${boundaryName}`;

  const boundary = new ManagedPolicy(stack, 'PermissionsBoundary', {
    managedPolicyName: boundaryName,
    path: ROLE_PATH,
    description:
      'Caps every access-broker grant role: no IAM, Organizations, account changes or role chaining.',
    document: PolicyDocument.fromJson(buildPermissionsBoundary(config.guardrails.deniedServices)),
  });

  const table = new Table(stack, 'Grants', {
    fields: {
      pk: 'string',
      sk: 'string',
      expiryPk: 'string',
      expirySk: 'string',
      statusPk: 'string',
      statusSk: 'string',
      listPk: 'string',
      listSk: 'string',
    },
    primaryIndex: { partitionKey: 'pk', sortKey: 'sk' },
    globalIndexes: {
      byExpiry: { partitionKey: 'expiryPk', sortKey: 'expirySk', projection: 'keys_only' },
      byStatus: { partitionKey: 'statusPk', sortKey: 'statusSk', projection: 'all' },
      byCreated: { partitionKey: 'listPk', sortKey: 'listSk', projection: 'all' },
    },
    timeToLiveAttribute: 'ttl',
    stream: 'new_image',
    cdk: {
      table: { pointInTimeRecovery: true, deletionProtection: true, removalPolicy: RemovalPolicy.RETAIN },
    },
  });

  const bus = new EventBus(stack, 'Events');
  const deadLetters = (id: string) =>
    new Queue(stack, id, {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
  const expiryDlq = deadLetters('ExpiryDeadLetters');
  const outboxDlq = deadLetters('OutboxDeadLetters');
  const slackSecrets = [
    new Config.Secret(stack, 'SLACK_SIGNING_SECRET'),
    new Config.Secret(stack, 'SLACK_BOT_TOKEN'),
  ];

  stack.setDefaultFunctionProps({
    runtime: 'nodejs22.x',
    architecture: 'arm_64',
    timeout: 30,
    memorySize: 512,
    tracing: 'active',
    logRetention: 'one_month',
    copyFiles: [{ from: configPath, to: 'config.json' }],
    environment: {
      BROKER_CONFIG_FILE: 'config.json',
      BROKER_PERMISSIONS_BOUNDARY_NAME: boundaryName,
      BROKER_TABLE_NAME: table.tableName,
    },
    nodejs: {
      format: 'esm',
      minify: true,
      esbuild: { external: esbuildOptions.external, banner: esbuildOptions.banner },
    },
  });

  // The expire function's name is fixed per stage so schedules can target it without a reference cycle.
  const expireFunctionName = `${prefix}-expire`;
  const expireFunctionArn = `arn:${config.broker.partition}:lambda:${stack.region}:${stack.account}:function:${expireFunctionName}`;
  const schedules = new ExpirySchedules(stack, 'ExpirySchedules', {
    groupName: prefix,
    expireFunctionArn,
    deadLetterQueue: expiryDlq,
  });
  let stateMachineArn = '';

  const create = (id: string, spec: FunctionSpec, extra: { functionName?: string } = {}) => {
    const statements: PolicyStatement[] = [];
    const environment: Record<string, string> = {};
    const grant: Record<Capability, () => void> = {
      readStore: () => statements.push(permissions.readStore(table.tableArn)),
      writeStore: () => statements.push(permissions.writeStore(table.tableArn)),
      startWorkflow: () => {
        statements.push(permissions.startWorkflow(stateMachineArn));
        environment.BROKER_STATE_MACHINE_ARN = stateMachineArn;
      },
      resumeWorkflow: () => statements.push(permissions.resumeWorkflow()),
      schedules: () => {
        statements.push(...permissions.manageSchedules(schedules.scheduleArnPrefix, schedules.role.roleArn));
        Object.assign(environment, {
          BROKER_SCHEDULE_GROUP: schedules.groupName,
          BROKER_EXPIRE_FUNCTION_ARN: expireFunctionArn,
          BROKER_SCHEDULER_ROLE_ARN: schedules.role.roleArn,
          BROKER_EXPIRY_DLQ_ARN: expiryDlq.queueArn,
        });
      },
      provision: () => statements.push(...permissions.provisionRoles(config, boundaryArn)),
      slack: () => undefined,
      slackSignature: () => undefined,
      events: () => {
        statements.push(permissions.publishEvents(bus.eventBusArn));
        environment.BROKER_EVENT_BUS_NAME = bus.eventBusName;
      },
    };
    for (const capability of spec.uses) grant[capability]();
    return new Function(stack, id, {
      handler: handlerPath(spec),
      permissions: statements,
      environment,
      ...(spec.uses.some((use) => use === 'slack' || use === 'slackSignature') ? { bind: slackSecrets } : {}),
      ...(spec.install ? { nodejs: { install: spec.install } } : {}),
      ...extra,
    });
  };

  const workflowFunctions = Object.fromEntries(
    Object.entries(WORKFLOW_FUNCTIONS).map(([task, spec]) => [task, create(`Workflow${task}`, spec)]),
  );
  const workflow = new ApprovalStateMachine(stack, 'ApprovalWorkflow', { taskFunctions: workflowFunctions });
  stateMachineArn = workflow.stateMachineArn;

  const routes = Object.fromEntries(
    HTTP_ROUTES.map((route) => [
      `${route.method} ${route.path}`,
      create(`Http${capitalize(route.name)}`, HTTP_FUNCTIONS[route.name]!),
    ]),
  );
  const api = new Api(stack, 'Api', {
    defaults: { throttle: { rate: 50, burst: 100 } },
    accessLog: { retention: 'one_month' },
    routes,
  });

  const expire = create('Expire', BACKGROUND_FUNCTIONS.expire!, { functionName: expireFunctionName });
  schedules.allowInvoke(expire);
  const sweep = create('Sweep', BACKGROUND_FUNCTIONS.sweep!);
  new Cron(stack, 'Sweeper', { schedule: 'rate(5 minutes)', job: sweep });
  new Cron(stack, 'Reconciler', {
    schedule: 'rate(1 hour)',
    job: create('Reconcile', BACKGROUND_FUNCTIONS.reconcile!),
  });
  const outbox = create('Outbox', BACKGROUND_FUNCTIONS.outbox!);
  outbox.addEventSource(
    new DynamoEventSource(table.cdk.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 25,
      bisectBatchOnError: true,
      retryAttempts: 10,
      onFailure: new SqsDlq(outboxDlq),
    }),
  );

  const ticketing = config.ticketing
    ? new TicketingForwarder(stack, 'Ticketing', { bus: bus.cdk.eventBus, ticketing: config.ticketing })
    : undefined;
  new BrokerAlarms(stack, 'Alarms', {
    bus: bus.cdk.eventBus,
    deadLetterQueues: [expiryDlq, outboxDlq, ...(ticketing ? [ticketing.deadLetterQueue] : [])],
  });
  applyNagSuppressions(stack, boundary);
  stack.addOutputs({
    ApiUrl: api.url,
    EventBusName: bus.eventBusName,
    PermissionsBoundaryArn: boundary.managedPolicyArn,
    StateMachineArn: stateMachineArn,
  });
  return { api, table, bus, boundaryArn };
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
