import { randomBytes } from 'node:crypto';
import { buildBrokerIamPolicy, buildPermissionsBoundary, type BrokerConfig } from '@access-broker/core';
import type { IamState, LocalUser } from './iam-state';

export const DEMO_THIRD_PARTY_ARN = 'arn:aws:iam::111122223333:role/ThirdPartyAuditor';
export const PROVISIONER_ROLE_NAME = 'access-broker-provisioner';

// Stand-ins for AWS managed policies: the local IAM only needs them to exist and to read as read-only.
const AWS_MANAGED = {
  SecurityAudit: ['*:Describe*', '*:Get*', '*:List*'],
  ReadOnlyAccess: ['*:Describe*', '*:Get*', '*:List*', 's3:GetObject'],
};

export interface LocalCredentials {
  principalArn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Seeds the local IAM with what AWS would already hold: the broker's principal and its least-privilege policy
 * in every account it provisions into, the permissions boundary, AWS managed policies, a provisioner role per
 * spoke account, and the demo third party. Keys survive restarts (they are created once, then reused).
 */
export function seedLocalWorld(
  state: IamState,
  config: BrokerConfig,
): { broker: LocalCredentials; thirdParty: LocalCredentials } {
  const { partition, homeAccountId, permissionsBoundaryName } = config.broker;
  const managedPolicyArns = [
    ...new Set(Object.values(config.profiles).flatMap((profile) => profile.managedPolicyArns)),
  ];
  for (const [name, actions] of Object.entries(AWS_MANAGED)) {
    const arn = `arn:${partition}:iam::aws:policy/${name}`;
    state.policies.set(arn, {
      arn,
      name,
      document: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
      }),
    });
  }
  const accountPolicy = (accountId: string) => {
    const boundaryArn = `arn:${partition}:iam::${accountId}:policy/access-broker/${permissionsBoundaryName}`;
    state.policies.set(boundaryArn, {
      arn: boundaryArn,
      name: permissionsBoundaryName,
      document: JSON.stringify(buildPermissionsBoundary(config.guardrails.deniedServices)),
    });
    return JSON.stringify(buildBrokerIamPolicy({ partition, accountId, boundaryArn, managedPolicyArns }));
  };
  const brokerArn = `arn:${partition}:iam::${homeAccountId}:user/access-broker`;
  const spokeRoles = Object.values(config.targetAccounts).map((target) => target.provisionerRoleArn);
  const broker = user(state, brokerArn, homeAccountId, [
    accountPolicy(homeAccountId),
    ...(spokeRoles.length > 0
      ? [
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: spokeRoles }],
          }),
        ]
      : []),
  ]);
  for (const [accountId, target] of Object.entries(config.targetAccounts)) {
    const roleName = target.provisionerRoleArn.split('/').pop()!;
    state.putRole({
      accountId,
      roleName,
      roleId: `AROA${accountId}PROVISIONER`,
      path: '/',
      arn: target.provisionerRoleArn,
      createDate: new Date(0).toISOString(),
      trustPolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: brokerArn },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': target.externalId } },
          },
        ],
      }),
      maxSessionDuration: 3600,
      tags: [],
      inlinePolicies: { 'access-broker': accountPolicy(accountId) },
      attachedPolicyArns: [],
    });
  }
  const thirdParty = user(state, DEMO_THIRD_PARTY_ARN, '111122223333', [
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    }),
  ]);
  state.save();
  return { broker, thirdParty };
}

function user(state: IamState, arn: string, accountId: string, policies: string[]): LocalCredentials {
  const existing = [...state.users.values()].find((candidate) => candidate.arn === arn);
  const entry: LocalUser = existing
    ? { ...existing, policies }
    : {
        arn,
        accountId,
        policies,
        accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
        secretAccessKey: randomBytes(30).toString('base64'),
      };
  state.users.set(entry.accessKeyId, entry);
  return { principalArn: arn, accessKeyId: entry.accessKeyId, secretAccessKey: entry.secretAccessKey };
}
