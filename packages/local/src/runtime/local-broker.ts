import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoGrantStore, sdkClientConfig } from '@access-broker/aws';
import { type BrokerEvent, iamDataCatalog, loadConfig } from '@access-broker/core';
import {
  declarationOf,
  type FunctionName,
  functionRoleName,
  HTTP_ROUTES,
  schedulerRoleStatements,
} from '@access-broker/functions';
import { AwsAuthority } from '../aws/aws-authority';
import { LocalEventBridge } from '../aws/local-eventbridge';
import { LocalScheduler } from '../aws/local-scheduler';
import type { LocalService } from '../aws/local-service';
import { LocalSsm } from '../aws/local-ssm';
import { LocalStepFunctions } from '../aws/local-step-functions';
import { lockHome } from './home-lock';
import { startLocalDynamoDb } from '../dynamodb/local-dynamodb';
import { startLocalAws } from '../aws/local-aws-endpoint';
import { localOperator, seedLocalWorld } from '../iam/local-world';
import { serviceRole } from '../iam/service-roles';
import { LocalLambda } from '../lambda/local-lambda';
import { startLocalApi } from './local-api-server';
import { gatewayJwtAuthorizer } from '../identity/gateway-jwt-authorizer';
import { startLocalSignIn } from '../identity/local-sign-in';
import { localApiClients, localSecrets } from './local-secrets';
import { startLocalSlackApi } from './local-slack-api';
import { catalogDeployment, type DeployedFunction } from './local-deployment';
import { LOCAL_STAGE, localResources } from './local-topology';
import { localEventRules } from './local-event-rules';
import { TableStream } from './table-stream';
import { rebuildSchedules } from './rebuild-schedules';
import { applyLocalFaults, describeFaults, fullingDisk } from './local-faults';
import { deployFunctions } from './deploy-functions';
import type { LocalBroker, LocalBrokerOptions, LocalDescription } from './local-broker-types';

export type * from './local-broker-types';

export const DEFAULT_CONFIG = new URL('../../../../config/local.json', import.meta.url);

/**
 * The deployed topology in miniature. Each function runs from its bundle in its own worker, with the
 * environment and the role policy its declaration gives it in the stack; the local AWS endpoints (IAM, STS,
 * DynamoDB, Step Functions, Scheduler, EventBridge, SSM) authorize each call against that role. Starting
 * again with the same home resumes running executions, schedules and everything stored.
 */
export async function startLocalBroker(options: LocalBrokerOptions): Promise<LocalBroker> {
  // Tokens, keys and secrets live here: the owner only, even for a home made by an older version.
  mkdirSync(options.home, { recursive: true, mode: 0o700 });
  chmodSync(options.home, 0o700);
  const lock = lockHome(options.home);
  try {
    const broker = await startInHome(options);
    const stop = broker.stop;
    broker.stop = async () => {
      await stop();
      lock.release();
    };
    return broker;
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Starts the services in order; if one fails (a damaged state file), the ones already running are stopped. */
async function startInHome(options: LocalBrokerOptions): Promise<LocalBroker> {
  const started: (() => unknown)[] = [];
  try {
    return await startServices(options, started);
  } catch (error) {
    for (const stop of started.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    throw error;
  }
}

async function startServices(options: LocalBrokerOptions, started: (() => unknown)[]): Promise<LocalBroker> {
  const print = options.print ?? console.log;
  const raw = (options.rawConfig ?? JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8'))) as Record<
    string,
    unknown
  >;
  const rawOidc = raw.oidc as { machineClients?: object } | undefined;
  const secrets = localSecrets(
    join(options.home, 'secrets.json'),
    Object.keys(rawOidc?.machineClients ?? {}),
  );
  const signIn = await startLocalSignIn(rawOidc, secrets, {
    home: options.home,
    port: options.identityProviderPort ?? (options.port ? options.port + 1 : 0),
  });
  started.push(() => signIn.stop());
  const deployedConfig = {
    ...raw,
    apiClients: [...((raw.apiClients as unknown[]) ?? []), ...localApiClients(secrets)],
    ...signIn.configPatch,
  };
  const config = await loadConfig(deployedConfig, iamDataCatalog);
  const { partition, region, homeAccountId: accountId, permissionsBoundaryName } = config.broker;
  const resources = localResources({ partition, region, accountId, permissionsBoundaryName });

  const services: Record<string, LocalService> = {};
  // Set once the functions exist: the local AWS starts first, and CloudTrail records wait for nothing.
  const trail: { to?: (record: Record<string, unknown>) => void } = {};
  const aws = await startLocalAws({
    stateFile: join(options.home, 'iam.jsonl'),
    services,
    // CloudTrail, as the stack's rule on the default bus sees it: grant sessions' calls reach `activity`.
    cloudTrail: (record) => trail.to?.(record),
    ...(options.iamFaults ? { faults: options.iamFaults } : {}),
  });
  started.push(() => aws.close());
  const authority = new AwsAuthority(aws.state, accountId, region);
  const deployment = (options.deployment ?? (() => catalogDeployment(resources, config)))({
    resources,
    config,
  });
  const roleArn = (fn: DeployedFunction) =>
    `arn:${partition}:iam::${accountId}:role/${functionRoleName(LOCAL_STAGE, fn.name)}`;
  const { thirdParty } = seedLocalWorld(
    aws.state,
    config,
    deployment.functions.filter((fn) => declarationOf(fn.name).uses.includes('provision')).map(roleArn),
    resources.permissionsBoundaryName,
  );
  const operator = localOperator(aws.state, accountId);

  const lambda = new LocalLambda();
  started.push(() => lambda.stop());
  const byName = new Map(deployment.functions.map((fn) => [fn.name, fn]));
  const invoke = <T>(name: FunctionName, event: unknown) => {
    const fn = byName.get(name);
    if (!fn) throw new Error(`${name} is not deployed`);
    return lambda.invoke<T>(fn.arn, event);
  };
  const events: BrokerEvent[] = [];
  const eventsFile = join(options.home, 'events.jsonl');
  const stream = new TableStream((event) => invoke('outbox', event), {
    deadLetter: (records, error) =>
      print(`[outbox] ${records.length} stream record(s) dead-lettered: ${String(error)}`),
  });
  const disk =
    options.faults?.diskFullAfterBytes !== undefined
      ? fullingDisk(options.faults.diskFullAfterBytes)
      : undefined;
  const dynamodb = await startLocalDynamoDb({
    tableName: resources.tableName,
    log: join(options.home, 'dynamodb.jsonl'),
    legacyDir: join(options.home, 'dynamodb'),
    authority,
    ...(disk ? { disk } : {}),
    onStream: (records) => stream.push(records),
  });
  started.push(() => dynamodb.close());
  const slackApi = await startLocalSlackApi({
    botToken: secrets.slackBotToken,
    outboxFile: join(options.home, 'outbox.jsonl'),
    print,
  });
  started.push(() => slackApi.close());
  const ssm = new LocalSsm(authority);
  ssm.put(resources.secretParameterNames.SLACK_BOT_TOKEN, secrets.slackBotToken);
  ssm.put(resources.secretParameterNames.SLACK_SIGNING_SECRET, secrets.slackSigningSecret);
  services.ssm = ssm;
  const eventRules = localEventRules(deployment.functions, lambda, {
    region,
    partition,
    print,
  });
  trail.to = eventRules.onCloudTrail;
  services.events = new LocalEventBridge(authority, {
    [resources.eventBusName]: (event) => {
      const { account: _account, ...brokerEvent } = event;
      events.push(brokerEvent as unknown as BrokerEvent);
      appendFileSync(eventsFile, `${JSON.stringify(brokerEvent)}\n`, { mode: 0o600 });
      print(`[event] ${event.detailType} ${String(event.detail.requestId)} (${String(event.detail.status)})`);
      eventRules.onBusEvent(event);
    },
    default: eventRules.onDefaultBusEvent,
  });
  const stepFunctions = new LocalStepFunctions(authority, {
    stateMachineArn: resources.stateMachineArn,
    definition: deployment.stateMachineDefinition,
    invoke: (arn, payload) => lambda.invoke(arn, payload),
    file: join(options.home, 'executions.jsonl'),
    legacyFile: join(options.home, 'executions.json'),
    ...(options.retryIntervalMs !== undefined ? { retryIntervalMs: options.retryIntervalMs } : {}),
    onError: (execution, error) => print(`[workflow] ${execution} failed: ${String(error)}`),
  });
  started.push(() => stepFunctions.stop());
  services.states = stepFunctions;
  const schedulerRole = serviceRole(aws.state, {
    accountId,
    roleName: resources.schedulerRoleArn.split('/').pop()!,
    service: 'scheduler.amazonaws.com',
    statements: schedulerRoleStatements(resources),
  });
  const scheduler = new LocalScheduler(authority, {
    groupName: resources.scheduleGroupName,
    file: join(options.home, 'schedules.json'),
    // Scheduler invokes the target as the schedule's role, which must be allowed to.
    fire: async (target) => {
      if (target.RoleArn !== schedulerRole.role.arn)
        throw new Error(`unknown scheduler role ${target.RoleArn}`);
      const caller = { arn: schedulerRole.session.arn, accountId, session: schedulerRole.session };
      await authority.authorize(caller, { action: 'lambda:InvokeFunction', resource: target.Arn });
      started.push(() => scheduler.stop());
      return lambda.invoke(target.Arn, JSON.parse(target.Input ?? '{}'));
    },
    onError: (schedule, error) => print(`[scheduler] ${schedule} failed (dead-lettered): ${String(error)}`),
  });
  services.scheduler = scheduler;
  const catalogName = new Map(deployment.functions.map((fn) => [fn.arn, fn.name]));
  applyLocalFaults(options.faults, {
    aws,
    lambda,
    scheduler,
    stepFunctions,
    nameOf: (arn) => catalogName.get(arn) ?? arn,
  });
  const faultLine = describeFaults(options.faults);
  if (faultLine) print(faultLine);

  await deployFunctions(lambda, deployment.functions, {
    home: options.home,
    aws,
    authority,
    roleArn,
    deployedConfig,
    environment: {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      // Where the network leads locally: the loopback AWS and Slack.
      AWS_ENDPOINT_URL: aws.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      SLACK_API_URL: slackApi.url,
      ...(options.sdkMaxAttempts ? { AWS_MAX_ATTEMPTS: String(options.sdkMaxAttempts) } : {}),
    },
  });

  const routeFunctions = new Map<string, FunctionName>(
    deployment.functions.flatMap(({ name }) => {
      const trigger = declarationOf(name).trigger;
      return trigger.kind === 'http' ? [[trigger.route, name] as const] : [];
    }),
  );
  for (const route of HTTP_ROUTES)
    if (!routeFunctions.has(route.name)) throw new Error(`no function serves ${route.name}`);
  const jwtRoutes = new Set(deployment.jwtRoutes);
  const api = await startLocalApi(
    (route, event) => invoke(routeFunctions.get(route)!, event),
    options.port ?? 8787,
    config.oidc
      ? { guards: (route) => jwtRoutes.has(route), allows: gatewayJwtAuthorizer(config.oidc) }
      : undefined,
    () => dynamodb.unavailable(),
  );
  started.push(() => new Promise((resolve) => api.server.close(resolve)));

  const sweepNow = () => invoke<Record<string, number>>('sweep', {});
  const reconcileNow = () => invoke<{ removed: number }>('reconcile', {});
  let sweeping: Promise<unknown> | undefined;
  const sweeper = setInterval(() => {
    sweeping ??= sweepNow()
      .catch((error: unknown) => print(`[sweeper] ${String(error)}`))
      .finally(() => (sweeping = undefined));
  }, options.sweepIntervalMs ?? 5_000);
  const reconciler = setInterval(
    () => void reconcileNow().catch((error: unknown) => print(`[reconciler] ${String(error)}`)),
    options.reconcileIntervalMs ?? 60_000,
  );
  stepFunctions.resumeInterrupted();

  // Each local token and the Slack id of the same name belong to one person (config/local.json `people`).
  const slackIdOf = (person: string) => config.people[person]?.slackUserIds[0] ?? '';
  const description: LocalDescription = {
    apiUrl: api.url,
    awsEndpoint: aws.endpoint,
    dynamodbEndpoint: dynamodb.endpoint,
    region,
    tokens: secrets.tokens,
    slack: {
      signingSecret: secrets.slackSigningSecret,
      approverUserId: slackIdOf('approver'),
      approver2UserId: slackIdOf('approver2'),
      adminUserId: slackIdOf('admin'),
      requesterUserId: 'U0LOCALREQUESTER',
    },
    demoThirdParty: thirdParty,
    operator,
    ...signIn.describe(config),
  };
  writeFileSync(join(options.home, 'local.json'), JSON.stringify(description, null, 2), { mode: 0o600 });
  const operatorDynamo = new DynamoDBClient(
    sdkClientConfig({ region, endpoint: dynamodb.endpoint, credentials: operator, retryBaseDelayMs: 20 }),
  );
  const store = new DynamoGrantStore(operatorDynamo, { tableName: resources.tableName });
  if (scheduler.damaged) {
    const target = { Arn: resources.expireFunctionArn, RoleArn: resources.schedulerRoleArn };
    print(
      `schedules.json was damaged (set aside): ${await rebuildSchedules(scheduler, store, target)} rebuilt`,
    );
  }

  return {
    description,
    config,
    resources,
    store,
    dynamodbMeter: dynamodb.meter,
    ...(disk ? { disk } : {}),
    aws,
    lambda,
    scheduler,
    stepFunctions,
    events,
    invoke,
    eventsDelivered: async () => {
      await stream.idle();
      await eventRules.idle();
    },
    sweepNow,
    reconcileNow,
    async stop() {
      clearInterval(sweeper);
      clearInterval(reconciler);
      await sweeping;
      // New work stops first (API, timers), then work in progress settles, then the stores close.
      api.server.closeAllConnections();
      await new Promise((resolve) => api.server.close(resolve));
      await scheduler.stop();
      await stepFunctions.stop();
      await stream.idle();
      await eventRules.idle();
      await lambda.stop();
      operatorDynamo.destroy();
      await slackApi.close();
      await aws.close();
      await dynamodb.close();
      await signIn.stop();
    },
  };
}
