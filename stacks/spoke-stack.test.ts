import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { deployConfig } from './deploy-config';
import { spokeStackSetTemplate } from './spoke-stackset-template';
import { synthesizeSpokeStack } from './synthesize';

// production.example.json names 210987654321 as a target account with its provisioner role.
describe('the spoke stack', () => {
  it("holds a provisioner role only the broker's functions can assume, with the External ID, and the same path and boundary limits", async () => {
    const { template, nagFindings } = await synthesizeSpokeStack({ account: '210987654321' });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'access-broker-provisioner',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            // Exactly the roles of the functions that provision or read the inventory: no prefix to match.
            Principal: {
              AWS: [
                'arn:aws:iam::123456789012:role/test-access-broker-revoke',
                'arn:aws:iam::123456789012:role/test-access-broker-suspend-vendor',
                'arn:aws:iam::123456789012:role/test-access-broker-external-access',
                'arn:aws:iam::123456789012:role/test-access-broker-workflow-provision',
                'arn:aws:iam::123456789012:role/test-access-broker-workflow-fail-provisioning',
                'arn:aws:iam::123456789012:role/test-access-broker-expire',
                'arn:aws:iam::123456789012:role/test-access-broker-sweep',
                'arn:aws:iam::123456789012:role/test-access-broker-reconcile',
              ],
            },
            Condition: { StringEquals: { 'sts:ExternalId': 'replace-with-the-spoke-stack-external-id' } },
          }),
        ],
      },
      Policies: [
        Match.objectLike({
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Action: 'iam:CreateRole',
                Resource: 'arn:aws:iam::210987654321:role/access-broker/*',
                Condition: {
                  StringEquals: {
                    'iam:PermissionsBoundary':
                      'arn:aws:iam::210987654321:policy/access-broker/access-broker-boundary-test',
                  },
                },
              }),
            ]),
          },
        }),
      ],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Path: '/access-broker/',
      ManagedPolicyName: 'access-broker-boundary-test',
    });
    expect(nagFindings).toEqual([]);
  }, 180_000);

  it("forwards its grant sessions' CloudTrail events, reads included, to the hub's default bus", async () => {
    const { template } = await synthesizeSpokeStack({ account: '210987654321' });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'test-access-broker-activity-forwarder',
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })],
      }),
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      EventPattern: Match.objectLike({ source: [{ prefix: 'aws.' }] }),
      Targets: [
        Match.objectLike({
          Arn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default',
          RoleArn: Match.anyValue(),
        }),
      ],
    });
  });

  it('has a StackSets template for every account of an OU: no assets, the External ID a parameter', async () => {
    const { config } = await deployConfig();
    const template = spokeStackSetTemplate(config, 'prod');
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/210987654321|AWS::Lambda|S3Bucket/);
    expect(template.Parameters.ExternalId).toMatchObject({ Type: 'String', NoEcho: true, MinLength: 16 });
    expect(template.Resources.Provisioner.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: {
          AWS: expect.arrayContaining(['arn:aws:iam::123456789012:role/prod-access-broker-expire']),
        },
        Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
      }),
    ]);
    expect(text).toContain('arn:aws:iam::${AWS::AccountId}:role/access-broker/*');
    expect(template.Resources.ForwardRole.Properties.RoleName).toBe('prod-access-broker-activity-forwarder');
    expect(template.Resources.ForwardGrantSessionCalls.Properties).toMatchObject({
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      EventPattern: { source: [{ prefix: 'aws.' }] },
      Targets: [{ Arn: { 'Fn::Sub': 'arn:aws:events:${AWS::Region}:123456789012:event-bus/default' } }],
    });
  });

  it('trusts the roles of the stage it is synthesized for (STAGE=staging npm run synth), and no other', async () => {
    const { config } = await deployConfig();
    const trusted = (stage: string) =>
      spokeStackSetTemplate(config, stage).Resources.Provisioner.Properties.AssumeRolePolicyDocument
        .Statement[0]!.Principal.AWS as string[];
    expect(trusted('staging').length).toBeGreaterThan(0);
    expect(trusted('staging').every((arn) => /:role\/staging-access-broker-/.test(arn))).toBe(true);
    expect(trusted('staging').some((arn) => arn.includes('prod-'))).toBe(false);
    expect(spokeStackSetTemplate(config, 'staging').Resources.ForwardRole.Properties.RoleName).toBe(
      'staging-access-broker-activity-forwarder',
    );
  });
});
