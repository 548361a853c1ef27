import type { DynamoGrantStore } from '@access-broker/aws';
import type { BrokerConfig, BrokerEvent, VendorEvent } from '@access-broker/core';
import type { BrokerResources, FunctionName } from '@access-broker/functions';
import type {
  DynamoDbCall,
  FaultPlan,
  LocalAws,
  LocalCredentials,
  LocalScheduler,
  LocalStepFunctions,
} from '@access-broker/local-aws';
import type { LocalLambda } from '../lambda/local-lambda';
import type { LocalDeployment } from './local-deployment';
import type { LocalFaults } from './local-faults';
import type { LocalSecrets } from './local-secrets';

/** What starting a local broker takes, what it describes in local.json, and what a test gets to drive it. */
export interface LocalBrokerOptions {
  /** BROKER_HOME: where state persists (DynamoDB, IAM, schedules, executions, secrets, outbox, local.json). */
  home: string;
  /** Config as parsed JSON; defaults to config/local.json. */
  rawConfig?: unknown;
  port?: number;
  /** The local identity provider's port (its issuer); default: the API's port + 1, or a free one. */
  identityProviderPort?: number;
  sweepIntervalMs?: number;
  /** How often orphaned roles are looked for (ListRoles per account). */
  reconcileIntervalMs?: number;
  iamFaults?: FaultPlan;
  /** Every fault injector at once (BROKER_FAULTS for `npm start`): see local-faults.ts. */
  faults?: LocalFaults;
  /** Attempts per AWS SDK call in the functions (AWS_MAX_ATTEMPTS), throttling and 5xx included. */
  sdkMaxAttempts?: number;
  retryIntervalMs?: number;
  print?: (line: string) => void;
  /** Told of every call the local DynamoDB answered (the bench meters the request units). */
  observeDynamoDb?: (call: DynamoDbCall) => void;
  /**
   * What runs. By default the deployment the stack derives from the function catalog; a test may pass the
   * deployment read from a synthesized template, or a changed one (a permission or a variable removed).
   */
  deployment?: (input: { resources: BrokerResources; config: BrokerConfig }) => LocalDeployment;
}

export interface LocalDescription {
  apiUrl: string;
  /** The web console (served by the API): sign in as a local person with `oidc.password`. */
  consoleUrl: string;
  awsEndpoint: string;
  dynamodbEndpoint: string;
  region: string;
  tokens: LocalSecrets['tokens'];
  slack: {
    signingSecret: string;
    approverUserId: string;
    approver2UserId: string;
    adminUserId: string;
    requesterUserId: string;
  };
  demoThirdParty: LocalCredentials;
  /** Credentials of the local account's administrator, for tools that read the table directly. */
  operator: LocalCredentials;
  /** The local identity provider (absent when the config has no `oidc`). */
  oidcIssuer?: string;
  oidc?: {
    /** The command line's public client (device flow and PKCE). */
    clientId: string;
    /** Who can sign in (all with `password`), and their groups. */
    people: Record<string, readonly string[]>;
    password: string;
    /** Client-credentials clients and their secrets. */
    machineClients: Record<string, string>;
  };
}

export interface LocalBroker {
  description: LocalDescription;
  config: BrokerConfig;
  /** What the functions were given: the local stage's names and ARNs. */
  resources: BrokerResources;
  /** The table, read with the operator's credentials (tests, benchmark). */
  store: DynamoGrantStore;
  /** The injected disk, when `faults.diskFullAfterBytes` is set: tests fill it up and give room back. */
  disk?: { room: number };
  /** The local AWS endpoint (IAM, STS, S3 reads, Step Functions, Scheduler, EventBridge, SSM). */
  aws: LocalAws;
  lambda: LocalLambda;
  scheduler: LocalScheduler;
  stepFunctions: LocalStepFunctions;
  /** The broker bus's events about requests and grants. */
  events: BrokerEvent[];
  /** The broker bus's events about vendors (suspended, resumed). */
  vendorEvents: VendorEvent[];
  invoke<T = unknown>(name: FunctionName, event: unknown): Promise<T>;
  /** Resolves once every stream record so far has reached the outbox function. */
  eventsDelivered(): Promise<void>;
  sweepNow(): Promise<Record<string, number>>;
  reconcileNow(): Promise<{ removed: number }>;
  stop(): Promise<void>;
}
