import {
  buildBrokerIamPolicy,
  buildKeyUserBoundary,
  buildPermissionsBoundary,
  type BrokerConfig,
  ROLE_PATH,
} from '@access-broker/core';
import { grantSessionPattern } from '@access-broker/functions';
import { activityForwarderRoleName } from './grant-activity';
import { provisionerTrustPolicy } from './spoke-trust';

const STACKSET_PROVISIONER_ROLE = 'access-broker-provisioner';
const ACCOUNT = '${AWS::AccountId}';

/**
 * The spoke as one plain CloudFormation template for StackSets: every account of an OU gets the same
 * template (no CDK assets, so target accounts need no bootstrap), its own account from AWS::AccountId, and
 * its External ID as a parameter (the value of `targetAccounts.<account>.externalId` in the broker config).
 */
export function spokeStackSetTemplate(config: BrokerConfig, stage: string) {
  const { partition } = config.broker;
  const boundaryName = `${config.broker.permissionsBoundaryName}-${stage}`;
  const boundaryArn = `arn:${partition}:iam::${ACCOUNT}:policy${ROLE_PATH}${boundaryName}`;
  const managedPolicyArns = [
    ...new Set(Object.values(config.profiles).flatMap((profile) => profile.managedPolicyArns)),
  ];
  // Fn::Sub resolves ${AWS::AccountId} inside the policy documents, written as JSON text.
  const sub = (document: unknown) => ({ 'Fn::Sub': JSON.stringify(document) });
  const hubBus = {
    'Fn::Sub': `arn:${partition}:events:\${AWS::Region}:${config.broker.homeAccountId}:event-bus/default`,
  };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `access-broker spoke (${stage}): the provisioner role and the grant roles' permissions boundary`,
    Parameters: {
      ExternalId: {
        Type: 'String',
        NoEcho: true,
        MinLength: 16,
        Description: "This account's targetAccounts.<account>.externalId in the broker config",
      },
    },
    Resources: {
      ...boundaries(config, boundaryName),
      Provisioner: {
        Type: 'AWS::IAM::Role',
        DependsOn: 'PermissionsBoundary',
        Properties: {
          RoleName: STACKSET_PROVISIONER_ROLE,
          AssumeRolePolicyDocument: provisionerTrustPolicy(config, stage, { Ref: 'ExternalId' }),
          Policies: [
            {
              PolicyName: 'provision',
              PolicyDocument: sub(
                buildBrokerIamPolicy({
                  partition,
                  accountId: ACCOUNT,
                  boundaryArn,
                  managedPolicyArns,
                  readEveryRole: true,
                  keyUsers: config.accessKeyVendors !== undefined,
                }),
              ),
            },
          ],
        },
      },
      ...activityForwarding(partition, stage, hubBus),
    },
    Outputs: { ProvisionerRoleArn: { Value: { 'Fn::GetAtt': ['Provisioner', 'Arn'] } } },
  };
}

/** The grant roles' boundary, and (with access-key vendors on) the key users' own. */
function boundaries(config: BrokerConfig, boundaryName: string) {
  const { partition } = config.broker;
  return {
    PermissionsBoundary: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        ManagedPolicyName: boundaryName,
        Path: ROLE_PATH,
        PolicyDocument: buildPermissionsBoundary(config.guardrails.deniedServices, partition),
      },
    },
    ...(config.accessKeyVendors
      ? {
          KeyUserBoundary: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              ManagedPolicyName: `${boundaryName}-key-user`,
              Path: ROLE_PATH,
              PolicyDocument: buildKeyUserBoundary(partition),
            },
          },
        }
      : {}),
  };
}

/** The grant sessions' CloudTrail events, reads included, go to the hub's default bus (the evidence). */
function activityForwarding(partition: string, stage: string, hubBus: object) {
  return {
    ForwardRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        // The hub's bus admits exactly this role of each account of the organization.
        RoleName: activityForwarderRoleName(stage),
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        Policies: [
          {
            PolicyName: 'forward',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: hubBus }],
            },
          },
        ],
      },
    },
    ForwardGrantSessionCalls: {
      Type: 'AWS::Events::Rule',
      Properties: {
        State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
        EventPattern: grantSessionPattern(partition),
        Targets: [{ Id: 'hub', Arn: hubBus, RoleArn: { 'Fn::GetAtt': ['ForwardRole', 'Arn'] } }],
      },
    },
  };
}
