import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import {
  DynamoGrantStore,
  IamRoleProvisioner,
  sdkClientConfig,
  TargetAccountIamClients,
} from '@access-broker/aws';
import {
  type BrokerConfig,
  type BrokerEvent,
  iamDataCatalog,
  loadConfig,
  systemClock,
  ulidGenerator,
  workflowInput,
} from '@access-broker/core';
import {
  expireHandler,
  type HandlerDeps,
  sweepHandler,
  workflowTaskHandlers,
  reconcileHandler,
} from '@access-broker/functions';
import { LOCAL_CREDENTIALS, startLocalDynamoDb } from '../dynamodb/local-dynamodb';
import type { FaultPlan } from '../iam/faults';
import { startLocalIam, type LocalIam } from '../iam/local-iam-server';
import { type LocalCredentials, seedLocalWorld } from '../iam/local-world';
import { EventRelayStore } from './event-relay-store';
import { lambdaContext } from './lambda-context';
import { startLocalApi } from './local-api-server';
import { LocalExpiryScheduler } from './local-scheduler';
import { type LocalSecrets, localApiClients, localSecrets } from './local-secrets';
import { LocalSlackOutbox } from './local-slack-outbox';
import { LocalWorkflow } from './local-workflow';

export interface LocalBrokerOptions {
  /** BROKER_HOME: where state persists (DynamoDB, IAM, secrets, outbox, local.json). */
  home: string;
  /** Config as parsed JSON; defaults to config/local.json. */
  rawConfig?: unknown;
  port?: number;
  sweepIntervalMs?: number;
  /** How often orphaned roles are looked for (ListRoles per account). */
  reconcileIntervalMs?: number;
  iamFaults?: FaultPlan;
  /** Attempts per AWS SDK call (throttling and 5xx included). */
  sdkMaxAttempts?: number;
  retryIntervalMs?: number;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  print?: (line: string) => void;
}

export interface LocalDescription {
  apiUrl: string;
  awsEndpoint: string;
  dynamodbEndpoint: string;
  region: string;
  tokens: LocalSecrets['tokens'];
  slack: { signingSecret: string; approverUserId: string; requesterUserId: string };
  demoThirdParty: LocalCredentials;
}

export interface LocalBroker {
  description: LocalDescription;
  deps: HandlerDeps;
  iam: LocalIam;
  scheduler: LocalExpiryScheduler;
  workflow: LocalWorkflow;
  events: BrokerEvent[];
  config: BrokerConfig;
  sweepNow(): Promise<Record<string, number>>;
  reconcileNow(): Promise<{ removed: number }>;
  stop(): Promise<void>;
}

export const DEFAULT_CONFIG = new URL('../../../../config/local.json', import.meta.url);
const TABLE = 'access-broker';

/**
 * The local composition root: the same core, adapters and handlers as in AWS, wired to loopback endpoints.
 * Starting again with the same home resumes every pending request and re-arms every expiry.
 */
export async function startLocalBroker(options: LocalBrokerOptions): Promise<LocalBroker> {
  const print = options.print ?? console.log;
  mkdirSync(options.home, { recursive: true });
  const secrets = localSecrets(join(options.home, 'secrets.json'));
  const raw = (options.rawConfig ?? JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8'))) as Record<
    string,
    unknown
  >;
  const config = await loadConfig(
    { ...raw, apiClients: [...((raw.apiClients as unknown[]) ?? []), ...localApiClients(secrets)] },
    iamDataCatalog,
  );
  const region = config.broker.region;

  const dynamodb = await startLocalDynamoDb({ tableName: TABLE, path: join(options.home, 'dynamodb') });
  const iam = await startLocalIam({
    stateFile: join(options.home, 'iam.json'),
    ...(options.iamFaults ? { faults: options.iamFaults } : {}),
  });
  const { broker, thirdParty } = seedLocalWorld(iam.state, config);
  const clientConfig = (credentials: LocalCredentials | typeof LOCAL_CREDENTIALS, endpoint: string) =>
    sdkClientConfig({
      region,
      endpoint,
      credentials,
      ...(options.sdkMaxAttempts ? { maxAttempts: options.sdkMaxAttempts } : {}),
      retryBaseDelayMs: 20,
    });
  const dynamoClient = new DynamoDBClient(clientConfig(LOCAL_CREDENTIALS, dynamodb.endpoint));
  const iamClient = new IAMClient(clientConfig(broker, iam.endpoint));
  const stsClient = new STSClient(clientConfig(broker, iam.endpoint));

  const events: BrokerEvent[] = [];
  const eventsFile = join(options.home, 'events.jsonl');
  const publisher = {
    async publish(batch: readonly BrokerEvent[]) {
      for (const event of batch) {
        events.push(event);
        writeFileSync(eventsFile, `${JSON.stringify(event)}\n`, { flag: 'a' });
        print(`[event] ${event.detailType} ${event.detail.requestId} (${event.detail.status})`);
      }
    },
  };
  const scheduler = new LocalExpiryScheduler();
  const workflow = new LocalWorkflow({
    retryIntervalMs: options.retryIntervalMs ?? 200,
    onError: (id, error) => print(`[workflow] ${id} failed: ${String(error)}`),
  });
  const deps: HandlerDeps = {
    config,
    store: new EventRelayStore(new DynamoGrantStore(dynamoClient, { tableName: TABLE }), publisher),
    provisioner: new IamRoleProvisioner(
      new TargetAccountIamClients({
        homeAccountId: config.broker.homeAccountId,
        home: iamClient,
        targets: config.targetAccounts,
        sts: stsClient,
        clientConfig: clientConfig(broker, iam.endpoint),
      }),
    ),
    scheduler,
    workflow,
    notifier: new LocalSlackOutbox(
      join(options.home, 'outbox.jsonl'),
      config.slack?.approvalChannel ?? 'C0LOCALAPPROVALS',
      print,
    ),
    catalog: iamDataCatalog,
    clock: systemClock,
    ids: ulidGenerator,
    logger: new Logger({ serviceName: 'access-broker', logLevel: options.logLevel ?? 'WARN' }),
    slack: { signingSecret: secrets.slackSigningSecret },
  };
  workflow.bind(workflowTaskHandlers(deps));
  const expire = expireHandler(deps);
  scheduler.onFire((requestId) => expire({ requestId }, lambdaContext('expire')));
  const sweep = sweepHandler(deps);
  const sweepNow = () => sweep({}, lambdaContext('sweep'));
  let sweeping: Promise<unknown> | undefined;
  const sweeper = setInterval(() => {
    sweeping ??= sweepNow()
      .catch((error: unknown) => print(`[sweeper] ${String(error)}`))
      .finally(() => (sweeping = undefined));
  }, options.sweepIntervalMs ?? 5_000);
  const reconcile = reconcileHandler(deps);
  const reconcileNow = () => reconcile({}, lambdaContext('reconcile'));
  const reconciler = setInterval(
    () => void reconcileNow().catch((error: unknown) => print(`[reconciler] ${String(error)}`)),
    options.reconcileIntervalMs ?? 60_000,
  );
  const api = await startLocalApi(deps, options.port ?? 8787);
  await resume(deps, workflow, scheduler);

  const description: LocalDescription = {
    apiUrl: api.url,
    awsEndpoint: iam.endpoint,
    dynamodbEndpoint: dynamodb.endpoint,
    region,
    tokens: secrets.tokens,
    slack: {
      signingSecret: secrets.slackSigningSecret,
      approverUserId: Object.values(config.approverGroups).flatMap((group) => group.slackUserIds)[0] ?? '',
      requesterUserId: 'U0LOCALREQUESTER',
    },
    demoThirdParty: thirdParty,
  };
  writeFileSync(join(options.home, 'local.json'), JSON.stringify(description, null, 2), { mode: 0o600 });

  return {
    description,
    deps,
    iam,
    scheduler,
    workflow,
    events,
    config,
    sweepNow,
    reconcileNow,
    async stop() {
      clearInterval(sweeper);
      clearInterval(reconciler);
      await sweeping;
      // New work stops first (API, timers), then work in progress settles, then the stores close.
      scheduler.stop();
      api.server.closeAllConnections();
      await new Promise((resolve) => api.server.close(resolve));
      await workflow.stop();
      dynamoClient.destroy();
      iamClient.destroy();
      stsClient.destroy();
      await iam.close();
      await dynamodb.close();
    },
  };
}

/** After a restart: restart the workflow of every undecided or unprovisioned request, re-arm every expiry. */
async function resume(deps: HandlerDeps, workflow: LocalWorkflow, scheduler: LocalExpiryScheduler) {
  const now = deps.clock.now();
  for (const status of ['PENDING_APPROVAL', 'APPROVED', 'PROVISIONING', 'ACTIVE'] as const) {
    let cursor: string | undefined;
    do {
      const page = await deps.store.list({ status, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const record of page.items) {
        if (status === 'ACTIVE' && record.expiresAt)
          await scheduler.scheduleExpiry(record.id, new Date(record.expiresAt));
        else if (status !== 'ACTIVE') await workflow.start(workflowInput(record, deps.config, now));
      }
      cursor = page.cursor;
    } while (cursor);
  }
}
