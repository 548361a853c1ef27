import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  brokerConfigSchema,
  ConfigError,
  iamDataCatalog,
  systemClock,
  ulidGenerator,
  zodIssues,
  type BrokerConfig,
} from '@access-broker/core';
import type { Capability } from '../catalog/capabilities';
import { declarationOf, type FunctionName } from '../catalog/function-catalog';
import { type FunctionEnv, readFunctionEnv, required } from './function-env';
import type { HandlerDeps } from './handler-deps';
import { lazyPort, unwiredPort } from './lazy-port';

type Port =
  'store' | 'vendors' | 'activity' | 'provisioner' | 'scheduler' | 'workflow' | 'notifier' | 'publisher';

/**
 * Which capability brings which adapter. Adapters load on first use (a dynamic import), so a function
 * creates no client and fetches no secret at cold start that a request may not need.
 */
const ADAPTERS: Record<
  Port,
  { when: Capability[]; create: (env: FunctionEnv, config: BrokerConfig) => Promise<object> }
> = {
  store: {
    when: ['readStore', 'writeStore'],
    create: async (env) => (await import('./adapters/dynamo')).dynamoStore(required(env, 'tableName')),
  },
  vendors: {
    when: ['readStore', 'writeStore'],
    create: async (env) => (await import('./adapters/dynamo')).dynamoVendors(required(env, 'tableName')),
  },
  activity: {
    when: ['readStore', 'writeStore'],
    create: async (env) => (await import('./adapters/dynamo')).dynamoActivity(required(env, 'tableName')),
  },
  workflow: {
    when: ['startWorkflow', 'resumeWorkflow'],
    create: async (env) =>
      (await import('./adapters/step-functions')).stepFunctionsWorkflow(env.stateMachineArn),
  },
  scheduler: {
    when: ['schedules'],
    create: async (env) => (await import('./adapters/scheduler')).expiryScheduler(env),
  },
  provisioner: {
    when: ['provision'],
    create: async (_env, config) => (await import('./adapters/iam')).iamProvisioner(config),
  },
  notifier: {
    when: ['slack'],
    create: async (env, config) =>
      (await import('./adapters/slack')).slackNotifier(config, required(env, 'slackBotTokenParameter')),
  },
  publisher: {
    when: ['events'],
    create: async (env) =>
      (await import('./adapters/eventbridge')).eventBridgePublisher(required(env, 'eventBusName')),
  },
};

/**
 * The Lambda composition root: everything a function is built from follows from its declaration in
 * `catalog/function-catalog.ts`: the variables it reads, the adapters it gets, the secrets it may fetch.
 * A port it was not declared with answers with an error naming it, never with a silent default.
 */
export function lambdaDeps(name: FunctionName, env: NodeJS.ProcessEnv = process.env): HandlerDeps {
  const declaration = declarationOf(name);
  const vars = readFunctionEnv(declaration, env);
  const config = bundledConfig(required(vars, 'configFile'), vars.permissionsBoundaryName, env);
  const port = <T extends object>(key: Port): T =>
    ADAPTERS[key].when.some((use) => declaration.uses.includes(use))
      ? lazyPort<T>(() => ADAPTERS[key].create(vars, config) as Promise<T>)
      : unwiredPort<T>(key, name);
  const signingSecret = vars.slackSigningSecretParameter;
  return {
    config,
    store: port('store'),
    vendors: port('vendors'),
    activity: port('activity'),
    provisioner: port('provisioner'),
    scheduler: port('scheduler'),
    workflow: port('workflow'),
    notifier: port('notifier'),
    publisher: port('publisher'),
    catalog: iamDataCatalog,
    // Its dictionaries are heavy: only the functions that check supplied External IDs wire it (withStrength).
    strength: async () => {
      throw new Error(
        `${name} does not check External IDs: wrap its deps in withStrength() (runtime/with-strength.ts)`,
      );
    },
    clock: systemClock,
    ids: ulidGenerator,
    logger: new Logger({ serviceName: 'access-broker' }),
    slack: {
      signingSecret: signingSecret
        ? async () => (await import('./adapters/secrets')).readSecret(signingSecret)
        : async () => {
            throw new Error(`${name} is not declared with slackSignature`);
          },
    },
  };
}

/** The config copied next to the bundle; profiles were checked against the guardrails at synth. */
function bundledConfig(file: string, permissionsBoundaryName: string | undefined, env: NodeJS.ProcessEnv) {
  // Lambda starts functions in LAMBDA_TASK_ROOT, where the stack copies the config.
  const path = resolve(env.LAMBDA_TASK_ROOT ?? '.', file);
  const parsed = brokerConfigSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error));
  if (!permissionsBoundaryName) return parsed.data;
  return { ...parsed.data, broker: { ...parsed.data.broker, permissionsBoundaryName } };
}
