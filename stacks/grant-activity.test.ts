import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { GrantActivity } from './grant-activity';

function synthesize(organizationId?: string) {
  const stack = new Stack(new App(), 'Hub', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = new Function(stack, 'Activity', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => {}'),
  });
  new GrantActivity(stack, 'GrantActivity', {
    fn,
    deadLetterQueue: new Queue(stack, 'Dead'),
    partition: 'aws',
    stage: 'prod',
    spokeAccounts: ['210987654321'],
    ...(organizationId ? { organizationId } : {}),
  });
  return Template.fromStack(stack).findResources('AWS::Events::EventBusPolicy');
}

describe("the hub's default bus", () => {
  it("admits only each listed spoke's forwarding role, and with an organization id only its accounts' forwarding roles", () => {
    const listed = Object.values(synthesize()).map((policy) => policy.Properties.Statement);
    expect(listed).toEqual([
      expect.objectContaining({
        Principal: { AWS: 'arn:aws:iam::210987654321:root' },
        Action: 'events:PutEvents',
        Condition: {
          ArnEquals: {
            'aws:PrincipalArn': 'arn:aws:iam::210987654321:role/prod-access-broker-activity-forwarder',
          },
        },
      }),
    ]);
    const organization = Object.values(synthesize('o-a1b2c3d4e5')).map(
      (policy) => policy.Properties.Statement,
    );
    expect(organization).toContainEqual(
      expect.objectContaining({
        Principal: '*',
        Action: 'events:PutEvents',
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/prod-access-broker-activity-forwarder' },
        },
      }),
    );
    // Every statement names the role: no other principal of a spoke or of the organization may put events.
    for (const statement of [...listed, ...organization])
      expect(JSON.stringify(statement.Condition)).toContain('activity-forwarder');
  });
});
