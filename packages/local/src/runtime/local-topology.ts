import {
  type BrokerResources,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  WORKFLOW_TASKS,
  type WorkflowTask,
} from '@access-broker/functions';

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
    permissionsBoundaryName: input.permissionsBoundaryName,
    permissionsBoundaryArn: `arn:${partition}:iam::${accountId}:policy/access-broker/${input.permissionsBoundaryName}`,
    secretParameterNames: {
      SLACK_BOT_TOKEN: secret('SLACK_BOT_TOKEN'),
      SLACK_SIGNING_SECRET: secret('SLACK_SIGNING_SECRET'),
    },
  };
}

export function localFunctionName(name: FunctionName): string {
  return `${LOCAL_STAGE}-${APP}-${FUNCTIONS[name].id}`;
}

export function localFunctionArn(
  input: { partition: string; region: string; accountId: string },
  name: FunctionName,
): string {
  return `arn:${input.partition}:lambda:${input.region}:${input.accountId}:function:${localFunctionName(name)}`;
}

export function localFunctionRoleName(name: FunctionName): string {
  return `${LOCAL_STAGE}-${APP}-${FUNCTIONS[name].id}-role`;
}

/** The ARN of each workflow task's function, for the ASL's `${<Task>FunctionArn}` substitutions. */
export function taskFunctionArns(input: { partition: string; region: string; accountId: string }) {
  const arns = {} as Record<WorkflowTask, string>;
  for (const name of FUNCTION_NAMES) {
    const trigger = FUNCTIONS[name].trigger;
    if (trigger.kind === 'workflowTask') arns[trigger.task] = localFunctionArn(input, name);
  }
  for (const task of WORKFLOW_TASKS)
    if (!arns[task]) throw new Error(`no function is declared for task ${task}`);
  return arns;
}
