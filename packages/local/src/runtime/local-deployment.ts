import { join } from 'node:path';
import type { BrokerConfig } from '@access-broker/core';
import {
  type BrokerResources,
  declarationOf,
  FUNCTION_NAMES,
  type FunctionDeclaration,
  gatewayVerifiesJwt,
  HTTP_ROUTES,
  type FunctionName,
  functionEnvironment,
  functionStatements,
  type PolicyStatementJson,
  substituteFunctionArns,
} from '@access-broker/functions';
import { PROJECT_ROOT } from '../lambda/lambda-bundles';
import { localFunctionArn, localFunctionName } from './local-topology';

/** One function as deployed: what it runs, what it is given, what its role may do. */
export interface DeployedFunction {
  /** Its declaration in the catalog (which trigger runs it). */
  name: FunctionName;
  functionName: string;
  arn: string;
  /** The source file its bundle is built from. */
  entryFile: string;
  /** Packages installed next to the bundle rather than bundled. */
  install: readonly string[];
  /** The variables the stack gives it. */
  environment: Record<string, string>;
  /** Its role's policy statements. */
  statements: PolicyStatementJson[];
}

export interface LocalDeployment {
  functions: DeployedFunction[];
  /** The state machine definition with its substitutions applied. */
  stateMachineDefinition: Record<string, unknown>;
  /** The routes API Gateway's JWT authorizer verifies before their function runs (by route name). */
  jwtRoutes: string[];
}

/** The deployment the stack derives from the function catalog, with the local stage's names. */
export function catalogDeployment(
  resources: BrokerResources,
  config: BrokerConfig,
  declarations: (name: FunctionName) => FunctionDeclaration = declarationOf,
): LocalDeployment {
  const functions = FUNCTION_NAMES.map((name) => {
    const declaration = declarations(name);
    return {
      name,
      functionName: localFunctionName(name),
      arn: localFunctionArn(resources, name),
      entryFile: entryFile(declaration.entry),
      install: declaration.install ?? [],
      environment: functionEnvironment(declaration, resources),
      statements: functionStatements(declaration, resources, config),
    };
  });
  const taskArns = Object.fromEntries(
    functions.flatMap((fn) => {
      const trigger = declarationOf(fn.name).trigger;
      return trigger.kind === 'workflowTask' ? [[trigger.task, fn.arn]] : [];
    }),
  );
  return {
    functions,
    stateMachineDefinition: substituteFunctionArns(taskArns as never),
    jwtRoutes: HTTP_ROUTES.filter((route) => gatewayVerifiesJwt(route, config)).map((route) => route.name),
  };
}

export function entryFile(entry: string): string {
  return join(PROJECT_ROOT, 'packages/functions/src/lambda', `${entry}.ts`);
}
