import { readFileSync } from 'node:fs';
import { brokerPolicyCases } from '../packages/core/test/support/broker-policy-cases';
import { decideWithIdentityPolicy } from '../test/support/simulate-identity-policy';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { createGrantTableInput, GRANT_TABLE } from '@access-broker/aws';
import {
  approvalWorkflowDefinition,
  declarationOf,
  FUNCTION_NAMES,
  HTTP_ROUTES,
  WORKFLOW_TASKS,
} from '@access-broker/functions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeBrokerStack } from './synthesize';

let template: Template;
let nagFindings: string[];
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;

beforeAll(async () => {
  ({ template, nagFindings } = await synthesizeBrokerStack());
  resources = template.toJSON().Resources;
}, 180_000);

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
/** All statements of the inline policies attached to the role of the function with this construct id. */
function statementsOf(functionId: string): any[] {
  return ofType('AWS::IAM::Policy')
    .filter(([id]) => id.startsWith(`${functionId}ServiceRoleDefaultPolicy`))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
}
const actionsOf = (functionId: string) =>
  statementsOf(functionId).flatMap((statement) => [statement.Action].flat());
const BOUNDARY = 'arn:aws:iam::123456789012:policy/access-broker/access-broker-boundary-test';

describe('the synthesized broker stack', () => {
  it('has no unsuppressed cdk-nag AwsSolutions findings', () => {
    expect(nagFindings).toEqual([]);
  });

  it('keeps requests in one table: PITR, deletion protection, TTL, a stream, and the three GSIs', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: 'byExpiry', Projection: { ProjectionType: 'KEYS_ONLY' } }),
        Match.objectLike({ IndexName: 'byStatus' }),
        Match.objectLike({ IndexName: 'byCreated' }),
      ]),
    });
    expect(ofType('AWS::DynamoDB::Table')[0]![1]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('deploys the very table the adapter and the local runtime use (one definition: GRANT_TABLE)', () => {
    const table = ofType('AWS::DynamoDB::Table')[0]![1].Properties;
    const local = createGrantTableInput('local');
    const byName = <T extends { AttributeName?: string; IndexName?: string }>(items: T[] = []) =>
      [...items].sort((a, b) =>
        String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)),
      );
    expect(byName(table.AttributeDefinitions)).toEqual(byName(local.AttributeDefinitions));
    expect(table.KeySchema).toEqual(local.KeySchema);
    expect(byName(table.GlobalSecondaryIndexes)).toEqual(byName(local.GlobalSecondaryIndexes));
    expect(table.StreamSpecification.StreamViewType).toBe(local.StreamSpecification?.StreamViewType);
    expect(table.TimeToLiveSpecification.AttributeName).toBe(GRANT_TABLE.ttlAttribute);
  });

  it("keeps each function's logs a month in its own log group, with no custom resource to set retention", () => {
    expect(ofType('Custom::LogRetention')).toEqual([]);
    const functions = ofType('AWS::Lambda::Function').filter(([id]) =>
      FUNCTION_NAMES.some((name) => id.startsWith(declarationOf(name).id)),
    );
    expect(functions.length).toBe(FUNCTION_NAMES.length);
    for (const [id, fn] of functions) {
      const group = fn.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
      expect(group, id).toBeDefined();
      expect(resources[group!]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 30 },
      });
    }
  });

  it('is as big, and alarms as often, as docs/deploy.md says', () => {
    const deploy = readFileSync('docs/deploy.md', 'utf8');
    const said = Number(/About (\d+) resources/.exec(deploy)![1]);
    const count = Object.keys(resources).length;
    expect(Math.abs(said - count) / count, `docs say ${said}, the template has ${count}`).toBeLessThanOrEqual(
      0.1,
    );
    expect(Number(/(\d+) CloudWatch alarms/.exec(deploy)![1])).toBe(ofType('AWS::CloudWatch::Alarm').length);
  });

  it('runs every broker function on Node 22, arm64, traced', () => {
    const broker = ofType('AWS::Lambda::Function').filter(
      ([, fn]) => fn.Properties.Environment?.Variables?.BROKER_CONFIG_FILE,
    );
    expect(broker).toHaveLength(FUNCTION_NAMES.length);
    for (const [, fn] of broker) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('serves exactly the route table, throttled', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route')
      .map(([, route]) => route.Properties.RouteKey)
      .sort();
    expect(routes).toEqual(HTTP_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it("verifies the identity provider's tokens at the gateway on every route no static token may call", () => {
    const [[authorizerId, authorizer]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, any]];
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Issuer: 'https://example.okta.com/oauth2/default',
        Audience: ['api://access-broker'],
      },
    });
    const guarded = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, route]) => route.Properties.AuthorizationType === 'JWT')
      .map(([, route]) => {
        expect(route.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
        return route.Properties.RouteKey;
      })
      .sort();
    // The example's static clients (ticketing, auditor) create, extend and read; deciding, revoking and
    // administering vendors and reading the external access inventory are for people, and only a token from the identity provider reaches those functions.
    expect(guarded).toEqual([
      'GET /v1/external-access',
      'POST /v1/requests/{id}/decision',
      'POST /v1/requests/{id}/revoke',
      'POST /v1/vendors/{id}/resume',
      'POST /v1/vendors/{id}/suspend',
      'PUT /v1/vendors/{id}',
    ]);
  });

  it('hands grants to vendors from a bus rule that retries for six hours, then dead-letters', () => {
    const [, rule] = ofType('AWS::Events::Rule').find(([id]) => id.startsWith('HandoffRule'))!;
    expect(rule.Properties.EventPattern).toEqual({
      source: ['access-broker'],
      'detail-type': ['Access Granted', 'Access Expiring', 'Access Expired', 'Access Revoked'],
      // Grants without a vendor invoke nothing.
      detail: { vendor: [{ exists: true }] },
    });
    expect(rule.Properties.Targets[0]).toMatchObject({
      RetryPolicy: { MaximumEventAgeInSeconds: 21_600, MaximumRetryAttempts: 185 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^HandoffDeadLetters/), 'Arn'] } },
    });
  });

  it("turns grant sessions' CloudTrail events, reads included, into activity; spokes may forward theirs", () => {
    const [, rule] = ofType('AWS::Events::Rule').find(([id]) =>
      id.startsWith('GrantActivityGrantSessionCalls'),
    )!;
    expect(rule.Properties.State).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
    expect(rule.Properties.EventBusName).toBeUndefined(); // the default bus, where CloudTrail's events are
    // Only CloudTrail's own events: PutEvents refuses an `aws.` source to every caller.
    expect(rule.Properties.EventPattern).toEqual({
      source: [{ prefix: 'aws.' }],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        $or: [
          {
            userIdentity: {
              type: ['AssumedRole'],
              sessionContext: {
                sessionIssuer: { arn: [{ wildcard: 'arn:aws:iam::*:role/access-broker/*' }] },
              },
            },
          },
          // An access-key vendor's key user, by its own access key.
          { userIdentity: { type: ['IAMUser'], arn: [{ wildcard: 'arn:aws:iam::*:user/access-broker/*' }] } },
        ],
      },
    });
    expect(rule.Properties.Targets[0].DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/^ActivityDeadLetters/);
    template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      EventBusName: 'default',
      Statement: Match.objectLike({
        Principal: { AWS: 'arn:aws:iam::210987654321:root' },
        Action: 'events:PutEvents',
        Condition: {
          ArnEquals: {
            'aws:PrincipalArn': 'arn:aws:iam::210987654321:role/test-access-broker-activity-forwarder',
          },
        },
      }),
    });
  });

  it('deploys the shared ASL byte for byte, with one substitution per task function', () => {
    const [, machine] = ofType('AWS::StepFunctions::StateMachine')[0]!;
    expect(machine.Properties.DefinitionString).toBe(JSON.stringify(approvalWorkflowDefinition));
    expect(Object.keys(machine.Properties.DefinitionSubstitutions).sort()).toEqual(
      WORKFLOW_TASKS.map((task) => `${task}FunctionArn`).sort(),
    );
    expect(machine.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
  });

  it('lets the Scheduler role invoke the expire function and nothing else', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'test-access-broker' });
    const [roleId] = ofType('AWS::IAM::Role').find(([, role]) =>
      JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    )!;
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    const lambda = statements.filter((statement) =>
      [statement.Action].flat().some((action: string) => action.startsWith('lambda:')),
    );
    expect(lambda).toEqual([
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:test-access-broker-expire',
      }),
    ]);
  });

  it('sweeps every five minutes and reconciles orphans every hour', () => {
    const schedules = ofType('AWS::Events::Rule')
      .map(([, rule]) => rule.Properties.ScheduleExpression)
      .filter(Boolean);
    expect(schedules.sort()).toEqual(['rate(1 hour)', 'rate(5 minutes)']);
  });

  it('creates the permissions boundary under /access-broker/ with its denies', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'access-broker-boundary-test',
      Path: '/access-broker/',
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'DenyPrivilegedServices', Effect: 'Deny' }),
          Match.objectLike({ Sid: 'DenyRoleChaining', Effect: 'Deny' }),
        ]),
      },
    });
  });

  it('names each function role per stage, as the spoke stacks trust them', () => {
    const roleNames = ofType('AWS::IAM::Role')
      .map(([, role]) => role.Properties.RoleName)
      .filter(Boolean);
    expect(roleNames).toEqual(
      expect.arrayContaining(['test-access-broker-workflow-provision', 'test-access-broker-expire']),
    );
  });

  it('gives each function only what it uses', () => {
    const xray = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
    // Tracing is all the health route may do; seeing it proves the role was found, not vacuously empty.
    expect(actionsOf('HttpHealth')).toEqual(expect.arrayContaining(xray));
    expect(actionsOf('HttpHealth').filter((action) => !xray.includes(action))).toEqual([]);
    expect(new Set(actionsOf('HttpGetRequest').filter((action) => !xray.includes(action)))).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']),
    );
    for (const id of ['HttpGetRequest', 'HttpCreateRequest', 'WorkflowAwaitDecision', 'HttpDecide']) {
      expect(actionsOf(id).filter((action) => action.startsWith('iam:'))).toEqual([]);
    }
    expect(actionsOf('HttpCreateRequest')).toContain('states:StartExecution');
    expect(actionsOf('WorkflowProvision')).toEqual(
      expect.arrayContaining(['iam:CreateRole', 'scheduler:CreateSchedule', 'iam:PassRole']),
    );
    expect(actionsOf('Outbox')).toContain('events:PutEvents');
    expect(
      ofType('AWS::IAM::Policy')
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
        .some((statement) =>
          [statement.Action].flat().some((action: string) => /^[a-z0-9-]+:\*$|^\*$/.test(action)),
        ),
    ).toBe(false);
  });

  it('outputs the alerts topic, so operators can subscribe their on-call', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const topicId = ofType('AWS::SNS::Topic')[0]![0];
    expect(outputs.AlertsTopicArn?.Value).toEqual({ Ref: topicId });
  });

  it('alarms on Revocation Failed and on each dead-letter queue, through an encrypted topic', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['access-broker'], 'detail-type': ['Revocation Failed'] },
    });
    // Revocation Failed; the expiry, outbox, hand-off and activity dead letters; failed and timed-out
    // executions; the stream behind; the sweeper's and the reconciler's errors and silence.
    expect(ofType('AWS::CloudWatch::Alarm')).toHaveLength(12);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('pages when a workflow fails, the stream falls behind, or the sweeper fails or goes silent', () => {
    for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut'])
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/States',
        MetricName: metricName,
        Threshold: 1,
      });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Threshold: 300_000,
    });
    const silent = ofType('AWS::CloudWatch::Alarm').filter(([id]) => /Silent/.test(id));
    expect(silent).toHaveLength(2);
    for (const [, alarm] of silent)
      expect(alarm.Properties).toMatchObject({
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
        Metrics: expect.arrayContaining([expect.objectContaining({ Expression: 'invocations - errors' })]),
      });
  });
});

describe('the synthesized boundary keeps every grant away from the broker and the audit trail', () => {
  // A grant role allowed everything by its own policy: only the boundary stands between it and the broker.
  const everything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const boundary = () =>
    ofType('AWS::IAM::ManagedPolicy').find(([, policy]) => policy.Properties.Path === '/access-broker/')![1]
      .Properties.PolicyDocument;
  const physical = (type: string, property: string) => ofType(type).map(([, r]) => r.Properties[property])[0];
  const decide = (action: string, resource: string) =>
    decideWithIdentityPolicy(everything, {
      principal: 'arn:aws:iam::123456789012:role/access-broker/access-broker-01req',
      action,
      resource,
      boundary: boundary(),
    });

  it('still lets a grant do what its policy allows elsewhere', async () => {
    expect(await decide('s3:GetObject', 'arn:aws:s3:::awsproduction345/report.csv')).toBe('Allowed');
  });

  it.each([
    [
      'the table',
      'dynamodb:PutItem',
      () => `arn:aws:dynamodb:eu-west-1:123456789012:table/${physical('AWS::DynamoDB::Table', 'TableName')}`,
    ],
    [
      'the state machine',
      'states:StartExecution',
      () =>
        `arn:aws:states:eu-west-1:123456789012:stateMachine:${physical('AWS::StepFunctions::StateMachine', 'StateMachineName')}`,
    ],
    [
      'the expire function',
      'lambda:UpdateFunctionCode',
      () => 'arn:aws:lambda:eu-west-1:123456789012:function:test-access-broker-expire',
    ],
    [
      'the schedule group',
      'scheduler:DeleteSchedule',
      () => 'arn:aws:scheduler:eu-west-1:123456789012:schedule/test-access-broker/expire-01req',
    ],
    [
      'the event bus',
      'events:PutEvents',
      () => `arn:aws:events:eu-west-1:123456789012:event-bus/${physical('AWS::Events::EventBus', 'Name')}`,
    ],
    [
      'the Slack secrets',
      'ssm:GetParameter',
      () =>
        'arn:aws:ssm:eu-west-1:123456789012:parameter/sst/access-broker/test/Secret/SLACK_BOT_TOKEN/value',
    ],
    [
      'a function role',
      'iam:PutRolePolicy',
      () => 'arn:aws:iam::123456789012:role/test-access-broker-workflow-provision',
    ],
    ['the boundary itself', 'iam:CreatePolicyVersion', () => BOUNDARY],
    [
      "the functions' logs",
      'logs:DeleteLogGroup',
      () => 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/test-access-broker-expire',
    ],
  ])('denies any action on %s', async (_what, action, resource) => {
    expect(await decide(action, resource())).toBe('ExplicitlyDenied');
  });

  it.each([
    ['cloudtrail:StopLogging', 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/organization-trail'],
    ['cloudtrail:DeleteTrail', 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/organization-trail'],
    ['cloudtrail:PutEventSelectors', 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/organization-trail'],
  ])('denies %s on any trail', async (action, trail) => {
    expect(await decide(action, trail)).toBe('ExplicitlyDenied');
  });
});

describe("policy simulation of the provisioning function's synthesized policy", () => {
  const cases = brokerPolicyCases({
    grantRole: 'arn:aws:iam::123456789012:role/access-broker/access-broker-01req',
    boundaryArn: BOUNDARY,
  });
  // Only the statements with literal resources matter to IAM actions; tokens belong to other services.
  const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
    decideWithIdentityPolicy(
      {
        Version: '2012-10-17',
        Statement: statementsOf('WorkflowProvision').filter(
          (statement) => !JSON.stringify(statement.Resource).includes('{'),
        ),
      },
      {
        principal: 'arn:aws:iam::123456789012:role/test-access-broker-WorkflowProvision',
        action,
        resource,
        context,
      },
    );

  it.each(cases.allowed)('allows %s', async (_case, action, resource, context) => {
    expect(await decide(action, resource, context)).toBe('Allowed');
  });

  it.each(cases.denied)('denies %s', async (_case, action, resource, context) => {
    expect(await decide(action, resource, context)).not.toBe('Allowed');
  });
});
