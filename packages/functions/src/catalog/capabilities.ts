import { buildBrokerIamPolicy, type BrokerConfig } from '@access-broker/core';

/** What a function may do. Each capability brings its environment variables and its IAM statements. */
export type Capability =
  | 'readStore'
  | 'writeStore'
  | 'startWorkflow'
  | 'resumeWorkflow'
  | 'schedules'
  | 'provision'
  | 'slack'
  | 'slackSignature'
  | 'events'
  | 'inventory';

/** What a function is declared with (function-catalog.ts): all that its environment and role follow from. */
interface Declared {
  uses: readonly Capability[];
}

/** The resources a deployment (or the local runtime) gives functions: CDK tokens in the stack, values locally. */
export interface BrokerResources {
  partition: string;
  region: string;
  accountId: string;
  tableName: string;
  tableArn: string;
  stateMachineArn: string;
  eventBusName: string;
  eventBusArn: string;
  scheduleGroupName: string;
  expireFunctionArn: string;
  schedulerRoleArn: string;
  expiryDeadLetterQueueArn: string;
  permissionsBoundaryName: string;
  permissionsBoundaryArn: string;
  /** SSM parameter names of the secrets (SST's `Config.Secret` layout: `/sst/<app>/<stage>/Secret/<NAME>/value`). */
  secretParameterNames: Record<SecretName, string>;
}

type SecretName = 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET';

export interface PolicyStatementJson {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** Every variable a function can be given; which ones it gets follows from its capabilities. */
export const ENV = {
  configFile: 'BROKER_CONFIG_FILE',
  tableName: 'BROKER_TABLE_NAME',
  stateMachineArn: 'BROKER_STATE_MACHINE_ARN',
  scheduleGroupName: 'BROKER_SCHEDULE_GROUP',
  expireFunctionArn: 'BROKER_EXPIRE_FUNCTION_ARN',
  schedulerRoleArn: 'BROKER_SCHEDULER_ROLE_ARN',
  expiryDeadLetterQueueArn: 'BROKER_EXPIRY_DLQ_ARN',
  permissionsBoundaryName: 'BROKER_PERMISSIONS_BOUNDARY_NAME',
  eventBusName: 'BROKER_EVENT_BUS_NAME',
  slackBotTokenParameter: 'BROKER_SLACK_BOT_TOKEN_PARAMETER',
  slackSigningSecretParameter: 'BROKER_SLACK_SIGNING_SECRET_PARAMETER',
} as const;
export type EnvKey = keyof typeof ENV;

/** The config file every function reads, copied next to its bundle. */
export const BUNDLED_CONFIG_FILE = 'config.json';

interface CapabilitySpec {
  env: readonly EnvKey[];
  statements: (resources: BrokerResources, config: BrokerConfig) => PolicyStatementJson[];
}

const allow = (Action: string[], Resource: string[], Condition?: PolicyStatementJson['Condition']) => ({
  Effect: 'Allow' as const,
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});
const tableAndIndexes = (r: BrokerResources) => [r.tableArn, `${r.tableArn}/index/*`];
const parameterArn = (r: BrokerResources, name: SecretName) =>
  `arn:${r.partition}:ssm:${r.region}:${r.accountId}:parameter${r.secretParameterNames[name]}`;

const CAPABILITIES: Record<Capability, CapabilitySpec> = {
  readStore: {
    env: ['tableName'],
    // Listings and the reconciler read records 100 per BatchGetItem.
    statements: (r) => [
      allow(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], tableAndIndexes(r)),
    ],
  },
  // TransactWriteItems is authorized per item: PutItem for the record and its audit entry.
  writeStore: {
    env: ['tableName'],
    statements: (r) => [
      allow(
        [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:ConditionCheckItem',
        ],
        tableAndIndexes(r),
      ),
    ],
  },
  startWorkflow: {
    env: ['stateMachineArn'],
    statements: (r) => [allow(['states:StartExecution'], [r.stateMachineArn])],
  },
  // SendTaskSuccess/Failure take no resource ARN (IAM: wildcard only); the task token is the capability.
  resumeWorkflow: {
    env: [],
    statements: () => [allow(['states:SendTaskSuccess', 'states:SendTaskFailure'], ['*'])],
  },
  schedules: {
    env: ['scheduleGroupName', 'expireFunctionArn', 'schedulerRoleArn', 'expiryDeadLetterQueueArn'],
    statements: (r) => [
      allow(
        ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        [`${scheduleArnPrefix(r)}/*`],
      ),
      allow(['iam:PassRole'], [r.schedulerRoleArn], {
        StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
      }),
    ],
  },
  provision: { env: ['permissionsBoundaryName'], statements: provisionStatements },
  slack: {
    env: ['slackBotTokenParameter'],
    statements: (r) => [allow(['ssm:GetParameter'], [parameterArn(r, 'SLACK_BOT_TOKEN')])],
  },
  slackSignature: {
    env: ['slackSigningSecretParameter'],
    statements: (r) => [allow(['ssm:GetParameter'], [parameterArn(r, 'SLACK_SIGNING_SECRET')])],
  },
  events: {
    env: ['eventBusName'],
    statements: (r) => [allow(['events:PutEvents'], [r.eventBusArn])],
  },
  // Read-only: every role's trust (ListRoles) and last use (GetRole), here and through the spoke roles.
  inventory: {
    env: [],
    statements: (r, config) => [
      allow(['iam:ListRoles'], ['*']),
      allow(['iam:GetRole'], [`arn:${r.partition}:iam::${config.broker.homeAccountId}:role/*`]),
      ...spokeRoleStatements(config),
    ],
  },
};

/** The broker's IAM policy from core (the same one the local IAM enforces), plus the spoke provisioner roles. */
function provisionStatements(r: BrokerResources, config: BrokerConfig): PolicyStatementJson[] {
  const managedPolicyArns = [
    ...new Set(Object.values(config.profiles).flatMap((profile) => profile.managedPolicyArns)),
  ];
  const policy = buildBrokerIamPolicy({
    partition: r.partition,
    accountId: config.broker.homeAccountId,
    boundaryArn: r.permissionsBoundaryArn,
    managedPolicyArns,
    keyUsers: config.accessKeyVendors !== undefined,
  });
  return [...(policy.Statement as unknown as PolicyStatementJson[]), ...spokeRoleStatements(config)];
}

/** Every other account is reached through its provisioner role. */
function spokeRoleStatements(config: BrokerConfig): PolicyStatementJson[] {
  const spokeRoles = Object.values(config.targetAccounts).map((target) => target.provisionerRoleArn);
  return spokeRoles.length > 0 ? [allow(['sts:AssumeRole'], spokeRoles)] : [];
}

function scheduleArnPrefix(
  r: Pick<BrokerResources, 'partition' | 'region' | 'accountId' | 'scheduleGroupName'>,
) {
  return `arn:${r.partition}:scheduler:${r.region}:${r.accountId}:schedule/${r.scheduleGroupName}`;
}

/** The variables a function reads at cold start: the config file, then what its capabilities need. */
export function environmentKeys(declaration: Declared): EnvKey[] {
  return [...new Set<EnvKey>(['configFile', ...declaration.uses.flatMap((use) => CAPABILITIES[use].env)])];
}

const VALUES: Record<EnvKey, (r: BrokerResources) => string> = {
  configFile: () => BUNDLED_CONFIG_FILE,
  tableName: (r) => r.tableName,
  stateMachineArn: (r) => r.stateMachineArn,
  scheduleGroupName: (r) => r.scheduleGroupName,
  expireFunctionArn: (r) => r.expireFunctionArn,
  schedulerRoleArn: (r) => r.schedulerRoleArn,
  expiryDeadLetterQueueArn: (r) => r.expiryDeadLetterQueueArn,
  permissionsBoundaryName: (r) => r.permissionsBoundaryName,
  eventBusName: (r) => r.eventBusName,
  slackBotTokenParameter: (r) => r.secretParameterNames.SLACK_BOT_TOKEN,
  slackSigningSecretParameter: (r) => r.secretParameterNames.SLACK_SIGNING_SECRET,
};

/** The environment the stack gives a function (and the local runtime gives its bundle). */
export function functionEnvironment(
  declaration: Declared,
  resources: BrokerResources,
): Record<string, string> {
  return Object.fromEntries(environmentKeys(declaration).map((key) => [ENV[key], VALUES[key](resources)]));
}

/** The statements of a function's role policy: exactly what its capabilities need, on exactly its resources. */
export function functionStatements(
  declaration: Declared,
  resources: BrokerResources,
  config: BrokerConfig,
): PolicyStatementJson[] {
  return declaration.uses.flatMap((use) => CAPABILITIES[use].statements(resources, config));
}

/** What EventBridge Scheduler's role may do: invoke the expire function (dead-lettering is added by the stack). */
export function schedulerRoleStatements(resources: Pick<BrokerResources, 'expireFunctionArn'>) {
  return [allow(['lambda:InvokeFunction'], [resources.expireFunctionArn])];
}
