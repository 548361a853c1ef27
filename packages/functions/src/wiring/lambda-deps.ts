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
} from '@access-broker/core';
import { declarationOf, type FunctionName } from '../catalog/function-catalog';
import { ADAPTERS, type Port } from './adapters';
import { readFunctionEnv, required } from './function-env';
import type { HandlerDeps } from './handler-deps';
import { lazyPort, unwiredPort } from './lazy-port';

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
    inventory: port('inventory'),
    catalog: iamDataCatalog,
    // Its dictionaries are heavy: only the functions that check supplied External IDs wire it (withStrength).
    strength: async () => {
      throw new Error(
        `${name} does not check External IDs: wrap its deps in withStrength() (wiring/with-strength.ts)`,
      );
    },
    clock: systemClock,
    ids: ulidGenerator,
    logger: new Logger({ serviceName: 'access-broker' }),
    slack: {
      signingSecret: signingSecret
        ? async () => (await import('./read-secret')).readSecret(signingSecret)
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
