import { Duration, Stack } from 'aws-cdk-lib';
import { CfnEventBusPolicy, CfnRule, EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget, LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { grantSessionPattern } from '@access-broker/functions';
import { Construct } from 'constructs';

// Without this state a rule sees only CloudTrail's write events; the evidence must count reads too.
const ALL_MANAGEMENT_EVENTS = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

function grantSessionRule(scope: Construct, id: string, partition: string) {
  const pattern = grantSessionPattern(partition);
  const rule = new Rule(scope, id, {
    eventPattern: { detailType: pattern['detail-type'], detail: pattern.detail },
  });
  (rule.node.defaultChild as CfnRule).addPropertyOverride('State', ALL_MANAGEMENT_EVENTS);
  return rule;
}

/**
 * The hub: CloudTrail's events of grant sessions, on the home account's default bus and forwarded by the spokes,
 * reach the activity function; a failed delivery is retried for six hours, then dead-lettered (and pages).
 */
export class GrantActivity extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: {
      fn: IFunction;
      deadLetterQueue: Queue;
      partition: string;
      spokeAccounts: string[];
      organizationId?: string;
    },
  ) {
    super(scope, id);
    grantSessionRule(this, 'GrantSessionCalls', props.partition).addTarget(
      new LambdaFunction(props.fn, {
        retryAttempts: 185,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: props.deadLetterQueue,
      }),
    );
    // Spoke accounts put their grant sessions' events on this default bus: each listed one exactly, or every
    // account of the organization (a StackSets OU), nobody else.
    const bus = `arn:${props.partition}:events:${Stack.of(this).region}:${Stack.of(this).account}:event-bus/default`;
    const allow = (id: string, statementId: string, principal: unknown, condition?: unknown) =>
      new CfnEventBusPolicy(this, id, {
        statementId,
        eventBusName: 'default',
        statement: {
          Effect: 'Allow',
          Principal: principal,
          Action: 'events:PutEvents',
          Resource: bus,
          ...(condition ? { Condition: condition } : {}),
        },
      });
    if (props.organizationId)
      allow('FromOrganization', 'access-broker-organization', '*', {
        StringEquals: { 'aws:PrincipalOrgID': props.organizationId },
      });
    for (const account of props.spokeAccounts)
      allow(`FromSpoke${account}`, `access-broker-spoke-${account}`, {
        AWS: `arn:${props.partition}:iam::${account}:root`,
      });
  }
}

/** A spoke: its grant sessions' CloudTrail events go to the hub's default bus. */
export function forwardGrantActivity(scope: Construct, props: { partition: string; hubAccount: string }) {
  const stack = Stack.of(scope);
  const hub = EventBus.fromEventBusArn(
    scope,
    'HubDefaultBus',
    `arn:${props.partition}:events:${stack.region}:${props.hubAccount}:event-bus/default`,
  );
  grantSessionRule(scope, 'ForwardGrantSessionCalls', props.partition).addTarget(new EventBusTarget(hub));
}
