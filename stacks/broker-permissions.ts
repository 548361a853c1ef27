import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { buildBrokerIamPolicy, type BrokerConfig } from '@access-broker/core';

/** Least-privilege statements, one helper per capability a function can be wired with. */
export const permissions = {
  readStore: (tableArn: string) =>
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      resources: [tableArn, `${tableArn}/index/*`],
    }),

  // TransactWriteItems is authorized per item: PutItem for the record and its audit entry.
  writeStore: (tableArn: string) =>
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
      resources: [tableArn, `${tableArn}/index/*`],
    }),

  startWorkflow: (stateMachineArn: string) =>
    new PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachineArn] }),

  // SendTaskSuccess/Failure take no resource ARN (IAM: wildcard only); the task token is the capability.
  resumeWorkflow: () =>
    new PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: ['*'] }),

  manageSchedules: (scheduleGroupArnPrefix: string, schedulerRoleArn: string) => [
    new PolicyStatement({
      actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
      resources: [`${scheduleGroupArnPrefix}/*`],
    }),
    new PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [schedulerRoleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
  ],

  publishEvents: (eventBusArn: string) =>
    new PolicyStatement({ actions: ['events:PutEvents'], resources: [eventBusArn] }),

  /** The broker's IAM policy from core (the same one the local IAM enforces), plus the spoke provisioner roles. */
  provisionRoles: (config: BrokerConfig, boundaryArn: string) => {
    const managedPolicyArns = [
      ...new Set(Object.values(config.profiles).flatMap((profile) => profile.managedPolicyArns)),
    ];
    const policy = buildBrokerIamPolicy({
      partition: config.broker.partition,
      accountId: config.broker.homeAccountId,
      boundaryArn,
      managedPolicyArns,
    });
    const statements = policy.Statement.map((statement) => PolicyStatement.fromJson(statement));
    const spokeRoles = Object.values(config.targetAccounts).map((target) => target.provisionerRoleArn);
    if (spokeRoles.length > 0)
      statements.push(new PolicyStatement({ actions: ['sts:AssumeRole'], resources: spokeRoles }));
    return statements;
  },
};
