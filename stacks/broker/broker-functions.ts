import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { BrokerConfig } from '@access-broker/core';
import {
  BUNDLED_CONFIG_FILE,
  type BrokerResources,
  declarationOf,
  esbuildOptions,
  esbuildPlugins,
  FUNCTION_NAMES,
  type FunctionName,
  functionEnvironment,
  functionRoleName,
  functionStatements,
  type Trigger,
} from '@access-broker/functions';
import { Function, type FunctionProps, type Stack } from 'sst/constructs';

type SstEsbuildPlugins = NonNullable<NonNullable<FunctionProps['nodejs']>['esbuild']>['plugins'];

/** What every function shares: the runtime, limits, tracing, the config copied next to it, the bundler. */
export function setFunctionDefaults(stack: Stack, configPath: string) {
  stack.setDefaultFunctionProps({
    runtime: 'nodejs22.x',
    architecture: 'arm_64',
    timeout: 30,
    memorySize: 512,
    tracing: 'active',
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
        // SST bundles with its own esbuild (0.18); the plugin uses only onResolve and onLoad, which it has.
        plugins: esbuildPlugins() as unknown as SstEsbuildPlugins,
      },
    },
  });
}

export type CreateFunction = (name: FunctionName, extra?: { functionName?: string }) => Function;

/**
 * One function from its declaration: environment and role policy both derived from what it uses. The state
 * machine's ARN exists only once its task functions do; none of them starts workflows, so none needs it.
 */
export function functionFactory(
  stack: Stack,
  config: BrokerConfig,
  resources: Omit<BrokerResources, 'stateMachineArn'>,
  stateMachineArn: string | undefined,
): CreateFunction {
  return (name, extra = {}) => {
    const declaration = declarationOf(name);
    if (declaration.uses.includes('startWorkflow') && !stateMachineArn)
      throw new Error(`${name} starts workflows, so it must be created after the state machine`);
    const all = { ...resources, stateMachineArn: stateMachineArn ?? '' };
    const fn = new Function(stack, declaration.id, {
      handler: `packages/functions/src/lambda/${declaration.entry}.handler`,
      // Its own log group with its retention set on it: no Custom::LogRetention function to deploy.
      logGroup: new LogGroup(stack, `${declaration.id}Logs`, { retention: RetentionDays.ONE_MONTH }),
      environment: functionEnvironment(declaration, all),
      permissions: functionStatements(declaration, all, config).map((statement) =>
        PolicyStatement.fromJson(statement),
      ),
      ...(declaration.install ? { nodejs: { install: [...declaration.install] } } : {}),
      ...extra,
    });
    // A fixed name per stage, so spoke accounts can trust exactly the provisioning roles.
    (fn.role!.node.defaultChild as CfnRole).roleName = functionRoleName(stack.stage, name);
    return fn;
  };
}

/** The functions the catalog declares for one kind of trigger, with their triggers narrowed to it. */
export function triggered<K extends Trigger['kind']>(kind: K) {
  return FUNCTION_NAMES.flatMap((name) => {
    const trigger = declarationOf(name).trigger;
    return trigger.kind === kind ? [{ name, trigger: trigger as Extract<Trigger, { kind: K }> }] : [];
  });
}
