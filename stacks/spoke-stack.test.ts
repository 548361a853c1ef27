import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
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
            Condition: {
              StringEquals: { 'sts:ExternalId': 'replace-with-the-spoke-stack-external-id' },
              ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/test-access-broker-*' },
            },
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
});
