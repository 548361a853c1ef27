import {
  type BrokerResources,
  declarationOf,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  HTTP_ROUTES,
  type PolicyStatementJson,
} from '@access-broker/functions';
import { entryFile, type DeployedFunction, type LocalDeployment } from './local-deployment';
import { LOCAL_STAGE } from './local-topology';

interface CfnResource {
  Type: string;
  Properties: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation JSON
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

/**
 * The deployment a synthesized template describes, resolved against the local stage's resources: each broker
 * function's handler, its environment exactly as the template gives it, and its role's policy exactly as the
 * template attaches it; and the state machine's definition with its substitutions. Any reference that cannot
 * be resolved is an error, never a silent default, so a template the local runtime cannot honour fails.
 */
export function templateDeployment(template: CfnTemplate, resources: BrokerResources): LocalDeployment {
  const resolve = resolver(template, resources);
  const functions: DeployedFunction[] = Object.entries(template.Resources)
    .filter(([, resource]) => isBrokerFunction(resource))
    .map(([logicalId, resource]) => {
      const name = catalogName(String(resource.Properties.Handler));
      const variables = resource.Properties.Environment.Variables as Record<string, unknown>;
      return {
        name,
        functionName: functionName(logicalId, resource),
        arn: String(resolve({ 'Fn::GetAtt': [logicalId, 'Arn'] })),
        entryFile: entryFile(FUNCTIONS[name].entry),
        install: declarationOf(name).install ?? [],
        environment: Object.fromEntries(
          Object.entries(variables).map(([key, value]) => [key, String(resolve(value))]),
        ),
        statements: roleStatements(template, resource).map(
          (statement) => resolve(statement) as PolicyStatementJson,
        ),
      };
    });
  const [machine] = Object.values(template.Resources).filter(
    (r) => r.Type === 'AWS::StepFunctions::StateMachine',
  );
  if (!machine) throw new Error('the template has no state machine');
  let definition = String(machine.Properties.DefinitionString);
  for (const [key, value] of Object.entries(machine.Properties.DefinitionSubstitutions ?? {}))
    definition = definition.split(`\${${key}}`).join(String(resolve(value)));
  // The routes API Gateway's JWT authorizer guards, by route key: the local API guards the same ones.
  const jwtRouteKeys = new Set(
    Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.AuthorizationType === 'JWT')
      .map((r) => r.Properties.RouteKey as string),
  );
  return {
    functions,
    stateMachineDefinition: JSON.parse(definition) as Record<string, unknown>,
    jwtRoutes: HTTP_ROUTES.filter((route) => jwtRouteKeys.has(`${route.method} ${route.path}`)).map(
      (route) => route.name,
    ),
  };
}

/** The broker's own functions (not SST's or CDK's helpers): those given the config file. */
export function isBrokerFunction(resource: CfnResource): boolean {
  return (
    resource.Type === 'AWS::Lambda::Function' &&
    Boolean(resource.Properties.Environment?.Variables?.BROKER_CONFIG_FILE)
  );
}

function catalogName(handler: string): FunctionName {
  const entry = /^packages\/functions\/src\/lambda\/([\w-]+)\.handler$/.exec(handler)?.[1];
  const name = FUNCTION_NAMES.find((candidate) => FUNCTIONS[candidate].entry === entry);
  if (!name) throw new Error(`the template's handler ${handler} is no declared function`);
  return name;
}

function functionName(logicalId: string, resource: CfnResource): string {
  return typeof resource.Properties.FunctionName === 'string'
    ? resource.Properties.FunctionName
    : `${LOCAL_STAGE}-access-broker-${logicalId}`;
}

/** Every statement of the inline policies the template attaches to the function's role. */
function roleStatements(template: CfnTemplate, fn: CfnResource): unknown[] {
  const roleId = fn.Properties.Role?.['Fn::GetAtt']?.[0];
  return Object.values(template.Resources)
    .filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as unknown[]);
}

/** CloudFormation's intrinsic functions, for the references a broker template uses, against local names. */
function resolver(template: CfnTemplate, r: BrokerResources) {
  const pseudo: Record<string, string> = {
    'AWS::Partition': r.partition,
    'AWS::Region': r.region,
    'AWS::AccountId': r.accountId,
    'AWS::URLSuffix': 'amazonaws.com',
  };
  const attribute = (logicalId: string, attr: 'Ref' | 'Arn'): string => {
    const resource = template.Resources[logicalId];
    if (!resource) throw new Error(`the template references ${logicalId}, which it does not define`);
    const local = localValue(logicalId, resource, r);
    const value = local?.[attr];
    if (value === undefined)
      throw new Error(`cannot resolve ${attr} of ${logicalId} (${resource.Type}) locally`);
    return value;
  };
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (!value || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    if ('Ref' in object) return pseudo[String(object.Ref)] ?? attribute(String(object.Ref), 'Ref');
    if ('Fn::GetAtt' in object) {
      const [id, attr] = object['Fn::GetAtt'] as [string, string];
      if (attr === 'StreamArn' && template.Resources[id]?.Type === 'AWS::DynamoDB::Table')
        return `${r.tableArn}/stream/local`;
      if (attr !== 'Arn') throw new Error(`cannot resolve ${id}.${attr} locally`);
      return attribute(id, 'Arn');
    }
    if ('Fn::Join' in object) {
      const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
      return parts.map(resolve).join(separator);
    }
    return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, resolve(inner)]));
  };
  return resolve;
}

function localValue(
  logicalId: string,
  resource: CfnResource,
  r: BrokerResources,
): { Ref?: string; Arn?: string } | undefined {
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table':
      return { Ref: r.tableName, Arn: r.tableArn };
    case 'AWS::StepFunctions::StateMachine':
      return { Ref: r.stateMachineArn, Arn: r.stateMachineArn };
    case 'AWS::Events::EventBus':
      return { Ref: r.eventBusName, Arn: r.eventBusArn };
    case 'AWS::IAM::ManagedPolicy':
      return resource.Properties.ManagedPolicyName === r.permissionsBoundaryName
        ? { Ref: r.permissionsBoundaryArn }
        : undefined;
    case 'AWS::IAM::Role':
      return JSON.stringify(resource.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com')
        ? { Arn: r.schedulerRoleArn }
        : undefined;
    case 'AWS::SQS::Queue':
      return {
        Arn: logicalId.startsWith('ExpiryDeadLetters')
          ? r.expiryDeadLetterQueueArn
          : `arn:${r.partition}:sqs:${r.region}:${r.accountId}:${LOCAL_STAGE}-${logicalId}`,
      };
    case 'AWS::Lambda::Function':
      return {
        Arn: `arn:${r.partition}:lambda:${r.region}:${r.accountId}:function:${functionName(logicalId, resource)}`,
      };
    default:
      return undefined;
  }
}
