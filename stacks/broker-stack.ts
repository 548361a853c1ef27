import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type CfnRole, ManagedPolicy, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { GRANT_TABLE, grantTableKeyAttributes } from '@access-broker/aws';
import { buildPermissionsBoundary, ROLE_PATH } from '@access-broker/core';
import {
  BUNDLED_CONFIG_FILE,
  busEventsPattern,
  type BrokerResources,
  declarationOf,
  esbuildOptions,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  functionEnvironment,
  functionRoleName,
  functionStatements,
  gatewayVerifiesJwt,
  routeNamed,
  type Trigger,
} from '@access-broker/functions';
import { Api, Config, Cron, EventBus, Function, type StackContext, Table } from 'sst/constructs';
import { BrokerAlarms } from './broker-alarms';
import { GrantActivity, patternRule } from './grant-activity';
import { ApprovalStateMachine } from './approval-state-machine';
import { deployConfig } from './deploy-config';
import { ExpirySchedules } from './expiry-schedules';
import { TicketingForwarder } from './ticketing-forwarder';
import { applyNagSuppressions } from './nag-suppressions';

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
    document: PolicyDocument.fromJson(
      buildPermissionsBoundary(config.guardrails.deniedServices, config.broker.partition),
    ),
  });

  const { partitionKey, sortKey, ttlAttribute, indexes } = GRANT_TABLE;
  const table = new Table(stack, 'Grants', {
    fields: Object.fromEntries(grantTableKeyAttributes().map((name) => [name, 'string' as const])),
    primaryIndex: { partitionKey, sortKey },
    globalIndexes: Object.fromEntries(
      Object.entries(indexes).map(([name, index]) => [
        name,
        {
          partitionKey: index.partitionKey,
          sortKey: index.sortKey,
          projection: index.projection === 'ALL' ? ('all' as const) : ('keys_only' as const),
        },
      ]),
    ),
    timeToLiveAttribute: ttlAttribute,
    stream: 'new_image' satisfies Lowercase<typeof GRANT_TABLE.stream>,
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
  const handoffDlq = deadLetters('HandoffDeadLetters');
  const activityDlq = deadLetters('ActivityDeadLetters');
  // `sst secrets set` stores these in SSM; functions declared with Slack read them there on first use.
  new Config.Secret(stack, 'SLACK_SIGNING_SECRET');
  new Config.Secret(stack, 'SLACK_BOT_TOKEN');

  stack.setDefaultFunctionProps({
    runtime: 'nodejs22.x',
    architecture: 'arm_64',
    timeout: 30,
    memorySize: 512,
    tracing: 'active',
    logRetention: 'one_month',
    copyFiles: [{ from: configPath, to: BUNDLED_CONFIG_FILE }],
    nodejs: {
      format: 'esm',
      minify: true,
      splitting: esbuildOptions.splitting,
      esbuild: {
        external: esbuildOptions.external,
        banner: esbuildOptions.banner,
        keepNames: esbuildOptions.keepNames,
        chunkNames: esbuildOptions.chunkNames,
      },
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
  const secretParameterName = (name: string) => `/sst/${app.name}/${app.stage}/Secret/${name}/value`;
  // The state machine's ARN is only known once its task functions exist; no task function needs it.
  const resources: Omit<BrokerResources, 'stateMachineArn'> = {
    partition: config.broker.partition,
    region: stack.region,
    accountId: stack.account,
    tableName: table.tableName,
    tableArn: table.tableArn,
    eventBusName: bus.eventBusName,
    eventBusArn: bus.eventBusArn,
    scheduleGroupName: schedules.groupName,
    expireFunctionArn,
    schedulerRoleArn: schedules.role.roleArn,
    expiryDeadLetterQueueArn: expiryDlq.queueArn,
    permissionsBoundaryName: boundaryName,
    permissionsBoundaryArn: boundaryArn,
    secretParameterNames: {
      SLACK_BOT_TOKEN: secretParameterName('SLACK_BOT_TOKEN'),
      SLACK_SIGNING_SECRET: secretParameterName('SLACK_SIGNING_SECRET'),
    },
  };
  /**
   * One function from its declaration: environment and role policy both derived from what it uses. The state
   * machine's ARN exists only once its task functions do; none of them starts workflows, so none needs it.
   */
  const functionsWith =
    (stateMachineArn: string | undefined) =>
    (name: FunctionName, extra: { functionName?: string } = {}) => {
      const declaration = declarationOf(name);
      if (declaration.uses.includes('startWorkflow') && !stateMachineArn)
        throw new Error(`${name} starts workflows, so it must be created after the state machine`);
      const all = { ...resources, stateMachineArn: stateMachineArn ?? '' };
      const fn = new Function(stack, declaration.id, {
        handler: `packages/functions/src/lambda/${declaration.entry}.handler`,
        environment: functionEnvironment(declaration, all),
        permissions: functionStatements(declaration, all, config).map((statement) =>
          PolicyStatement.fromJson(statement),
        ),
        ...(declaration.install ? { nodejs: { install: [...declaration.install] } } : {}),
        ...extra,
      });
      // A fixed name per stage, so spoke accounts can trust exactly the provisioning roles.
      (fn.role!.node.defaultChild as CfnRole).roleName = functionRoleName(app.stage, name);
      return fn;
    };
  const triggered = <K extends Trigger['kind']>(kind: K) =>
    FUNCTION_NAMES.flatMap((name) => {
      const trigger = declarationOf(name).trigger;
      return trigger.kind === kind ? [{ name, trigger: trigger as Extract<Trigger, { kind: K }> }] : [];
    });

  const createTask = functionsWith(undefined);
  const workflowFunctions = Object.fromEntries(
    triggered('workflowTask').map(({ name, trigger }) => [trigger.task, createTask(name)]),
  );
  const workflow = new ApprovalStateMachine(stack, 'ApprovalWorkflow', {
    taskFunctions: workflowFunctions,
    stateMachineName: `${prefix}-approval`,
  });
  const create = functionsWith(workflow.stateMachineArn);

  const JWT_AUTHORIZER = 'identityProvider';
  const routes = Object.fromEntries(
    triggered('http').map(({ name, trigger }) => {
      const route = routeNamed(trigger.route);
      if (!route) throw new Error(`${name} is declared for an HTTP route that does not exist`);
      const fn = create(name);
      const authorizer = gatewayVerifiesJwt(route, config) ? JWT_AUTHORIZER : 'none';
      return [`${route.method} ${route.path}`, { function: fn, authorizer }];
    }),
  );
  const api = new Api(stack, 'Api', {
    // API Gateway fetches the issuer's discovery document itself (deploy-safety refuses a non-https issuer).
    authorizers: config.oidc
      ? {
          [JWT_AUTHORIZER]: {
            type: 'jwt',
            jwt: { issuer: config.oidc.issuer, audience: [config.oidc.audience] },
          },
        }
      : {},
    defaults: { throttle: { rate: 50, burst: 100 } },
    accessLog: { retention: 'one_month' },
    routes,
  });

  const expire = create('expire', { functionName: expireFunctionName });
  schedules.allowInvoke(expire);
  const sweeper = create('sweep');
  const reconciler = create('reconcile');
  new Cron(stack, 'Sweeper', { schedule: FUNCTIONS.sweep.trigger.schedule, job: sweeper });
  new Cron(stack, 'Reconciler', { schedule: FUNCTIONS.reconcile.trigger.schedule, job: reconciler });
  const outbox = create('outbox');
  outbox.addEventSource(
    new DynamoEventSource(table.cdk.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 25,
      bisectBatchOnError: true,
      retryAttempts: 10,
      onFailure: new SqsDlq(outboxDlq),
    }),
  );

  // Hand-off to vendors: a rule per bus-triggered function; EventBridge retries a failed delivery with
  // backoff for six hours, then the event lands in the dead-letter queue, which pages.
  for (const { name, trigger } of triggered('busEvents'))
    patternRule(stack, `${declarationOf(name).id}Rule`, busEventsPattern(trigger), {
      eventBus: bus.cdk.eventBus,
    }).addTarget(
      new LambdaFunction(create(name), {
        retryAttempts: 185,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: handoffDlq,
      }),
    );

  for (const { name } of triggered('cloudTrail'))
    new GrantActivity(stack, 'GrantActivity', {
      fn: create(name),
      deadLetterQueue: activityDlq,
      partition: config.broker.partition,
      stage: app.stage,
      spokeAccounts: Object.keys(config.targetAccounts),
      ...(config.broker.organizationId ? { organizationId: config.broker.organizationId } : {}),
    });

  const ticketing = config.ticketing
    ? new TicketingForwarder(stack, 'Ticketing', { bus: bus.cdk.eventBus, ticketing: config.ticketing })
    : undefined;
  const alarms = new BrokerAlarms(stack, 'Alarms', {
    bus: bus.cdk.eventBus,
    stateMachineArn: workflow.stateMachineArn,
    outbox,
    sweeper,
    reconciler,
    deadLetterQueues: [
      expiryDlq,
      outboxDlq,
      handoffDlq,
      activityDlq,
      ...(ticketing ? [ticketing.deadLetterQueue] : []),
    ],
  });
  applyNagSuppressions(stack, boundary);
  stack.addOutputs({
    ApiUrl: api.url,
    EventBusName: bus.eventBusName,
    PermissionsBoundaryArn: boundary.managedPolicyArn,
    StateMachineArn: workflow.stateMachineArn,
    // Subscribe the on-call here: it pages on Revocation Failed and on every dead letter.
    AlertsTopicArn: alarms.topic.topicArn,
  });
  return { api, table, bus, boundaryArn };
}
