/** The deployed functions' environment, read once at cold start; anything missing stops the function. */
export interface LambdaEnv {
  region: string;
  tableName: string;
  eventBusName: string;
  stateMachineArn: string;
  scheduleGroupName: string;
  expireFunctionArn: string;
  schedulerRoleArn: string;
  expiryDeadLetterQueueArn: string;
  permissionsBoundaryName: string;
  configFile: string;
}

const NAMES: Record<keyof LambdaEnv, string> = {
  region: 'AWS_REGION',
  tableName: 'BROKER_TABLE_NAME',
  eventBusName: 'BROKER_EVENT_BUS_NAME',
  stateMachineArn: 'BROKER_STATE_MACHINE_ARN',
  scheduleGroupName: 'BROKER_SCHEDULE_GROUP',
  expireFunctionArn: 'BROKER_EXPIRE_FUNCTION_ARN',
  schedulerRoleArn: 'BROKER_SCHEDULER_ROLE_ARN',
  expiryDeadLetterQueueArn: 'BROKER_EXPIRY_DLQ_ARN',
  permissionsBoundaryName: 'BROKER_PERMISSIONS_BOUNDARY_NAME',
  configFile: 'BROKER_CONFIG_FILE',
};

/** Only the variables a function uses are required of it: each function gets exactly those. */
export function lambdaEnv<K extends keyof LambdaEnv>(
  keys: readonly K[],
  env: NodeJS.ProcessEnv = process.env,
): Pick<LambdaEnv, K> {
  const missing = keys.filter((key) => !env[NAMES[key]]);
  if (missing.length > 0)
    throw new Error(`missing environment: ${missing.map((key) => NAMES[key]).join(', ')}`);
  return Object.fromEntries(keys.map((key) => [key, env[NAMES[key]]!])) as Pick<LambdaEnv, K>;
}

export const ENV_NAMES = NAMES;
