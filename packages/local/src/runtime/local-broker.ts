import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoGrantStore, sdkClientConfig } from '@access-broker/aws';
import type { BrokerConfig } from '@access-broker/core';
import { type FunctionName, functionRoleName, provisioningFunctions } from '@access-broker/functions';
import {
  AwsAuthority,
  type LocalScheduler,
  type LocalCredentials,
  type LocalService,
  LocalSsm,
  type LocalStepFunctions,
  localOperator,
  lockHome,
  startLocalAws,
} from '@access-broker/local-aws';
import { LocalLambda } from '../lambda/local-lambda';
import { deployFunctions } from './deploy-functions';
import type { LocalBroker, LocalBrokerOptions } from './local-broker-types';
import { catalogDeployment, type DeployedFunction, type LocalDeployment } from './local-deployment';
import { applyLocalFaults, describeFaults } from './local-faults';
import { startLocalSlackApi } from './local-slack-api';
import { LOCAL_STAGE, localResources } from './local-topology';
import { seedLocalWorld } from './local-world';
import { rebuildSchedules } from './rebuild-schedules';
import { startApprovalWorkflow } from './services/approval-workflow';
import { type LocalConfig, localConfig } from './services/broker-config';
import { startBrokerTimers } from './services/broker-timers';
import { describeBroker } from './services/describe-broker';
import { startEventBuses } from './services/event-buses';
import { startExpirySchedules } from './services/expiry-schedules';
import { startGrantTable } from './services/grant-table';
import { startHttpApi } from './services/http-api';
import type { LocalStage } from './services/local-stage';

export { DEFAULT_CONFIG } from './services/broker-config';
export type * from './local-broker-types';

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

/** The stage the services start on: the config, the local AWS (IAM, STS, the JSON services' endpoint), the
 * deployment, the Lambda runtime, and what AWS would already hold (seeded). */
async function startStage(options: LocalBrokerOptions, started: (() => unknown)[]) {
  const local = await localConfig(options, started);
  const { config } = local;
  const { partition, region, homeAccountId: accountId, permissionsBoundaryName } = config.broker;
  const resources = localResources({ partition, region, accountId, permissionsBoundaryName });
  const services: Record<string, LocalService> = {};
  // Set once the buses exist: the local AWS starts first, and CloudTrail records wait for nothing.
  const trail: { to?: (record: Record<string, unknown>) => void } = {};
  const aws = await startLocalAws({
    stateFile: join(options.home, 'iam.jsonl'),
    services,
    cloudTrail: (record) => trail.to?.(record),
    ...(options.iamFaults ? { faults: options.iamFaults } : {}),
  });
  started.push(() => aws.close());
  const deployment = (options.deployment ?? (() => catalogDeployment(resources, config)))({
    resources,
    config,
  });
  const lambda = new LocalLambda();
  started.push(() => lambda.stop());
  const stage: LocalStage = {
    ...{ options, config, resources, aws, lambda, deployment, started },
    print: options.print ?? console.log,
    authority: new AwsAuthority(aws.state, accountId, region),
    invoke: invokerOf(lambda, deployment),
  };
  // What AWS would already hold: the spoke accounts' provisioner roles (trusting the provisioning functions'
  // roles), the boundary, managed policies, the demo third party; and an operator for the tools.
  // The same list the stack's spoke trust is built from (spoke-trust.ts).
  const spokeUsers = new Set<string>(provisioningFunctions());
  const provisioners = deployment.functions.filter((fn) => spokeUsers.has(fn.name));
  const { thirdParty } = seedLocalWorld(
    aws.state,
    config,
    provisioners.map(functionRoleArn(config)),
    resources.permissionsBoundaryName,
  );
  const principals = { demoThirdParty: thirdParty, operator: localOperator(aws.state, accountId) };
  return { stage, local, services, trail, principals };
}

async function startServices(options: LocalBrokerOptions, started: (() => unknown)[]): Promise<LocalBroker> {
  const { stage, local, services, trail, principals } = await startStage(options, started);
  const { config, resources, aws, lambda } = stage;
  const { dynamodb, stream, disk } = await startGrantTable(stage);
  const slackApi = await startSlack(stage, local);
  services.ssm = slackApi.secrets;
  const { eventBridge, events, vendorEvents, rules } = startEventBuses(stage);
  trail.to = rules.onCloudTrail;
  services.events = eventBridge;
  const stepFunctions = (services.states = startApprovalWorkflow(stage));
  const scheduler = (services.scheduler = startExpirySchedules(stage));
  switchFaultsOn(stage, { scheduler, stepFunctions });
  await deployFunctions(lambda, stage.deployment.functions, {
    ...{ home: options.home, aws, authority: stage.authority, deployedConfig: local.deployedConfig },
    roleArn: functionRoleArn(config),
    environment: { ...networkOf(config, aws, dynamodb, slackApi), ...sdkAttempts(options) },
  });
  const api = await startHttpApi(stage, () => dynamodb.unavailable());
  const timers = startBrokerTimers(stage);
  stepFunctions.resumeInterrupted();

  const endpoints = { apiUrl: api.url, awsEndpoint: aws.endpoint, dynamodbEndpoint: dynamodb.endpoint };
  const description = describeBroker(options.home, local, endpoints, principals);
  const operator = operatorStore(stage, dynamodb.endpoint, principals.operator);
  if (scheduler.damaged) await rebuildDamagedSchedules(stage, scheduler, operator.store);
  const delivered = () => stream.idle().then(() => rules.idle());
  return {
    ...{
      description,
      config,
      resources,
      store: operator.store,
      aws,
      lambda,
      scheduler,
      stepFunctions,
      events,
      vendorEvents,
    },
    ...(disk ? { disk } : {}),
    ...{
      invoke: stage.invoke,
      eventsDelivered: delivered,
      sweepNow: timers.sweepNow,
      reconcileNow: timers.reconcileNow,
    },
    // New work stops first (timers, API), then work in progress settles, then the stores close.
    async stop() {
      await timers.stop();
      await api.stop();
      await scheduler.stop();
      await stepFunctions.stop();
      await delivered();
      await lambda.stop();
      operator.close();
      await slackApi.close();
      await aws.close();
      await dynamodb.close();
      await local.signIn.stop();
    },
  };
}

/** Where the network leads locally, as each function's environment says: the loopback AWS and Slack. */
function networkOf(
  config: BrokerConfig,
  aws: { endpoint: string },
  dynamodb: { endpoint: string },
  slackApi: { url: string },
) {
  const region = config.broker.region;
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ENDPOINT_URL: aws.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
    SLACK_API_URL: slackApi.url,
  };
}

const sdkAttempts = (options: LocalBrokerOptions): Record<string, string> =>
  options.sdkMaxAttempts ? { AWS_MAX_ATTEMPTS: String(options.sdkMaxAttempts) } : {};

/** The table as the operator reads it (tests, the bench, rebuilding schedules): never the functions' roles. */
function operatorStore(stage: LocalStage, endpoint: string, credentials: LocalCredentials) {
  const client = new DynamoDBClient(
    sdkClientConfig({ region: stage.config.broker.region, endpoint, credentials, retryBaseDelayMs: 20 }),
  );
  const store = new DynamoGrantStore(client, { tableName: stage.resources.tableName });
  return { store, close: () => client.destroy() };
}

function invokerOf(lambda: LocalLambda, deployment: LocalDeployment) {
  const byName = new Map(deployment.functions.map((fn) => [fn.name, fn]));
  return <T>(name: FunctionName, event: unknown) => {
    const fn = byName.get(name);
    if (!fn) throw new Error(`${name} is not deployed`);
    return lambda.invoke<T>(fn.arn, event);
  };
}

/** A function's execution role, as the stack names it for the local stage. */
const functionRoleArn =
  ({ broker }: { broker: { partition: string; homeAccountId: string } }) =>
  (fn: DeployedFunction) =>
    `arn:${broker.partition}:iam::${broker.homeAccountId}:role/${functionRoleName(LOCAL_STAGE, fn.name)}`;

/**
 * Slack's Web API on loopback (what the functions post lands in the outbox file), and SSM Parameter Store
 * holding the bot token and signing secret where the stack keeps them (SST secrets).
 */
async function startSlack(stage: LocalStage, { secrets }: LocalConfig) {
  const slackApi = await startLocalSlackApi({
    botToken: secrets.slackBotToken,
    outboxFile: join(stage.options.home, 'outbox.jsonl'),
    print: stage.print,
    postLatencyMs: stage.options.faults?.slackLatencyMs ?? 0,
  });
  stage.started.push(() => slackApi.close());
  const ssm = new LocalSsm(stage.authority);
  ssm.put(stage.resources.secretParameterNames.SLACK_BOT_TOKEN, secrets.slackBotToken);
  ssm.put(stage.resources.secretParameterNames.SLACK_SIGNING_SECRET, secrets.slackSigningSecret);
  return { url: slackApi.url, close: slackApi.close, secrets: ssm };
}

async function rebuildDamagedSchedules(
  stage: LocalStage,
  scheduler: LocalScheduler,
  store: DynamoGrantStore,
) {
  const { resources } = stage;
  const target = { Arn: resources.expireFunctionArn, RoleArn: resources.schedulerRoleArn };
  const rebuilt = await rebuildSchedules(scheduler, store, target);
  stage.print(`schedules.json was damaged (set aside): ${rebuilt} rebuilt`);
}

function switchFaultsOn(
  stage: LocalStage,
  targets: { scheduler: LocalScheduler; stepFunctions: LocalStepFunctions },
) {
  const catalogName = new Map(stage.deployment.functions.map((fn) => [fn.arn, fn.name]));
  applyLocalFaults(stage.options.faults, {
    ...targets,
    aws: stage.aws,
    lambda: stage.lambda,
    nameOf: (arn) => catalogName.get(arn) ?? arn,
  });
  const faultLine = describeFaults(stage.options.faults);
  if (faultLine) stage.print(faultLine);
}
