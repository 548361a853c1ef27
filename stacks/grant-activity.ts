import { Duration, Stack } from 'aws-cdk-lib';
import { CfnEventBusPolicy, type CfnRule, EventBus, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget, LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { grantSessionPattern } from '@access-broker/functions';
import { Construct } from 'constructs';

// Without this state a rule sees only CloudTrail's write events; the evidence must count reads too.
const ALL_MANAGEMENT_EVENTS = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/**
 * The role a spoke's forwarding rule puts its events on the hub's bus with: a fixed name per stage, so the
 * hub's bus policy can admit exactly it, and nothing else in the spoke account.
 */
export const activityForwarderRoleName = (stage: string) => `${stage}-access-broker-activity-forwarder`;

/** A rule with an EventBridge pattern as JSON, exactly as the local runtime matches it. */
export function patternRule(
  scope: Construct,
  id: string,
  pattern: object,
  props: { state?: string; eventBus?: IEventBus } = {},
) {
  // CDK wants some pattern to build the rule; the exact JSON one replaces it.
  const rule = new Rule(scope, id, {
    eventPattern: { source: ['placeholder'] },
    ...(props.eventBus ? { eventBus: props.eventBus } : {}),
  });
  const cfn = rule.node.defaultChild as CfnRule;
  cfn.addPropertyOverride('EventPattern', pattern);
  if (props.state) cfn.addPropertyOverride('State', props.state);
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
      stage: string;
      spokeAccounts: string[];
      organizationId?: string;
    },
  ) {
    super(scope, id);
    patternRule(this, 'GrantSessionCalls', grantSessionPattern(props.partition), {
      state: ALL_MANAGEMENT_EVENTS,
    }).addTarget(
      new LambdaFunction(props.fn, {
        retryAttempts: 185,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: props.deadLetterQueue,
      }),
    );
    // Spoke accounts put their grant sessions' events on this default bus: only each spoke's forwarding role
    // (each listed account's, or any account's of the organization), never anyone else in those accounts.
    const { partition } = props;
    const bus = `arn:${partition}:events:${Stack.of(this).region}:${Stack.of(this).account}:event-bus/default`;
    const forwarder = (account: string) =>
      `arn:${partition}:iam::${account}:role/${activityForwarderRoleName(props.stage)}`;
    const allow = (id: string, statementId: string, principal: unknown, condition: object) =>
      new CfnEventBusPolicy(this, id, {
        statementId,
        eventBusName: 'default',
        statement: {
          Effect: 'Allow',
          Principal: principal,
          Action: 'events:PutEvents',
          Resource: bus,
          Condition: condition,
        },
      });
    if (props.organizationId)
      allow('FromOrganization', 'access-broker-organization', '*', {
        StringEquals: { 'aws:PrincipalOrgID': props.organizationId },
        ArnLike: { 'aws:PrincipalArn': forwarder('*') },
      });
    // By the account and a condition on the role, so the hub deploys before its spokes' roles exist.
    for (const account of props.spokeAccounts)
      allow(
        `FromSpoke${account}`,
        `access-broker-spoke-${account}`,
        { AWS: `arn:${partition}:iam::${account}:root` },
        { ArnEquals: { 'aws:PrincipalArn': forwarder(account) } },
      );
  }
}

/** A spoke: its grant sessions' CloudTrail events go to the hub's default bus, put there by its named role. */
export function forwardGrantActivity(
  scope: Construct,
  props: { partition: string; hubAccount: string; stage: string },
) {
  const stack = Stack.of(scope);
  const hubBusArn = `arn:${props.partition}:events:${stack.region}:${props.hubAccount}:event-bus/default`;
  const hub = EventBus.fromEventBusArn(scope, 'HubDefaultBus', hubBusArn);
  const role = new Role(scope, 'ActivityForwarder', {
    roleName: activityForwarderRoleName(props.stage),
    assumedBy: new ServicePrincipal('events.amazonaws.com'),
  });
  role.addToPolicy(new PolicyStatement({ actions: ['events:PutEvents'], resources: [hubBusArn] }));
  patternRule(scope, 'ForwardGrantSessionCalls', grantSessionPattern(props.partition), {
    state: ALL_MANAGEMENT_EVENTS,
  }).addTarget(new EventBusTarget(hub, { role }));
}
