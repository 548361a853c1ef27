/**
 * The broker's own resources, as ARN patterns that match them in every stage: the stack names everything
 * `<stage>-access-broker-…` (table, state machine, functions and their log groups, event bus and rules, queues,
 * topic, function roles), schedules live in the `<stage>-access-broker` group, secrets under
 * `/sst/access-broker/`, and grant roles and the boundary under the `/access-broker/` path. No grant may touch
 * any of them: the permissions boundary denies it, and the guardrails refuse policies that name them.
 */
export function brokerResourcePatterns(partition: string): string[] {
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:*:*:${resource}`;
  return [
    arn('dynamodb', 'table/*-access-broker-*'),
    arn('states', 'stateMachine:*-access-broker-*'),
    arn('states', 'execution:*-access-broker-*'),
    arn('lambda', 'function:*-access-broker-*'),
    arn('events', 'event-bus/*-access-broker-*'),
    arn('events', 'rule/*-access-broker-*'),
    arn('scheduler', 'schedule/*-access-broker/*'),
    arn('scheduler', 'schedule-group/*-access-broker'),
    arn('ssm', 'parameter/sst/access-broker/*'),
    arn('logs', 'log-group:/aws/lambda/*-access-broker-*'),
    arn('logs', 'log-group:*-access-broker-*'),
    arn('sqs', '*-access-broker-*'),
    arn('sns', '*-access-broker-*'),
    `arn:${partition}:iam::*:role/*-access-broker-*`,
    `arn:${partition}:iam::*:role/access-broker/*`,
    `arn:${partition}:iam::*:policy/access-broker/*`,
  ];
}

/** Turning off or rewriting the audit trail: denied to every grant, whatever its policy says. */
export const AUDIT_TRAIL_ACTIONS = [
  'cloudtrail:DeleteTrail',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
  'cloudtrail:DeleteEventDataStore',
  'cloudtrail:StopEventDataStoreIngestion',
  'cloudtrail:UpdateEventDataStore',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:StopConfigurationRecorder',
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'securityhub:DisableSecurityHub',
  'access-analyzer:DeleteAnalyzer',
] as const;

/** Whether `resource` (which may hold wildcards of its own) falls within one of the broker's patterns. */
export function namesBrokerResource(resource: string, partition: string): boolean {
  return brokerResourcePatterns(partition).some((pattern) => globMatches(pattern, resource));
}

function globMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(value);
}
