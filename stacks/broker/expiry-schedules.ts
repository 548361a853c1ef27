import { Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { schedulerRoleStatements } from '@access-broker/functions';
import { Construct } from 'constructs';

/**
 * The schedule group for one-time expiry schedules and the role EventBridge Scheduler assumes to fire them:
 * it may invoke the expire function and dead-letter to its queue, nothing else.
 */
export class ExpirySchedules extends Construct {
  readonly groupName: string;
  readonly role: Role;
  readonly scheduleArnPrefix: string;
  /** The one function every schedule targets. */
  readonly expireFunctionArn: string;

  constructor(
    scope: Construct,
    id: string,
    props: { groupName: string; expireFunctionArn: string; deadLetterQueue: IQueue },
  ) {
    super(scope, id);
    this.expireFunctionArn = props.expireFunctionArn;
    const stack = Stack.of(this);
    const group = new CfnScheduleGroup(this, 'Group', { name: props.groupName });
    this.groupName = group.name!;
    this.scheduleArnPrefix = `arn:${stack.partition}:scheduler:${stack.region}:${stack.account}:schedule/${props.groupName}`;
    this.role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `${this.scheduleArnPrefix}/*` },
        },
      }),
    });
    for (const statement of schedulerRoleStatements(props))
      this.role.addToPolicy(PolicyStatement.fromJson(statement));
    props.deadLetterQueue.grantSendMessages(this.role);
  }

  /** Lets the expire function be invoked by this group's schedules only (resource-based policy). */
  allowInvoke(fn: IFunction) {
    fn.addPermission('InvokedByExpirySchedules', {
      principal: new ServicePrincipal('scheduler.amazonaws.com'),
      sourceArn: `${this.scheduleArnPrefix}/*`,
      sourceAccount: Stack.of(this).account,
    });
  }
}
