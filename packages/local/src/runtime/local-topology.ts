import { type BrokerResources, FUNCTIONS, type FunctionName } from '@access-broker/functions';

export const LOCAL_STAGE = 'local';
const APP = 'access-broker';

/** The names the stack would give the broker's resources, for the local stage. */
export function localResources(input: {
  partition: string;
  region: string;
  accountId: string;
  permissionsBoundaryName: string;
}): BrokerResources {
  const { partition, region, accountId } = input;
  const prefix = `${LOCAL_STAGE}-${APP}`;
  const arn = (service: string, resource: string) =>
    `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
  const secret = (name: string) => `/sst/${APP}/${LOCAL_STAGE}/Secret/${name}/value`;
  // As the stack names the boundary: one per stage.
  const boundaryName = `${input.permissionsBoundaryName}-${LOCAL_STAGE}`;
  return {
    partition,
    region,
    accountId,
    tableName: `${prefix}-grants`,
    tableArn: arn('dynamodb', `table/${prefix}-grants`),
    stateMachineArn: arn('states', `stateMachine:${prefix}-approval`),
    eventBusName: `${prefix}-events`,
    eventBusArn: arn('events', `event-bus/${prefix}-events`),
    scheduleGroupName: prefix,
    expireFunctionArn: localFunctionArn(input, 'expire'),
    schedulerRoleArn: `arn:${partition}:iam::${accountId}:role/${prefix}-scheduler`,
    expiryDeadLetterQueueArn: arn('sqs', `${prefix}-expiry-dead-letters`),
    permissionsBoundaryName: boundaryName,
    permissionsBoundaryArn: `arn:${partition}:iam::${accountId}:policy/access-broker/${boundaryName}`,
    secretParameterNames: {
      SLACK_BOT_TOKEN: secret('SLACK_BOT_TOKEN'),
      SLACK_SIGNING_SECRET: secret('SLACK_SIGNING_SECRET'),
    },
  };
}

/** As the stack names the expire function (`<stage>-<app>-expire`); the others follow the same pattern. */
export function localFunctionName(name: FunctionName): string {
  return `${LOCAL_STAGE}-${APP}-${FUNCTIONS[name].entry}`;
}

export function localFunctionArn(
  input: { partition: string; region: string; accountId: string },
  name: FunctionName,
): string {
  return `arn:${input.partition}:lambda:${input.region}:${input.accountId}:function:${localFunctionName(name)}`;
}
