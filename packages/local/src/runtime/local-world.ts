import {
  buildBrokerIamPolicy,
  buildKeyUserBoundary,
  buildPermissionsBoundary,
  type BrokerConfig,
} from '@access-broker/core';
import { functionStatements } from '@access-broker/functions';
import { localResources } from './local-topology';
import { type IamState, type LocalCredentials, localUser as user } from '@access-broker/local-aws';

const DEMO_THIRD_PARTY_ARN = 'arn:aws:iam::111122223333:role/ThirdPartyAuditor';

// Stand-ins for AWS managed policies: the local IAM only needs them to exist and to read as read-only.
const AWS_MANAGED = {
  SecurityAudit: ['*:Describe*', '*:Get*', '*:List*'],
  ReadOnlyAccess: ['*:Describe*', '*:Get*', '*:List*', 's3:GetObject'],
};

/**
 * Seeds the local IAM with what AWS would already hold: the broker's least-privilege policy in every spoke
 * account it provisions into, the permissions boundary, AWS managed policies, a provisioner role per
 * spoke account, and the demo third party. Keys survive restarts (they are created once, then reused).
 */
export function seedLocalWorld(
  state: IamState,
  config: BrokerConfig,
  /** The roles of the functions that provision: the only principals the spoke provisioner roles trust. */
  provisioningRoleArns: readonly string[],
  /** The boundary's name as the stack gives it (one per stage). */
  permissionsBoundaryName: string,
): { thirdParty: LocalCredentials } {
  const { partition, homeAccountId } = config.broker;
  const managedPolicyArns = [
    ...new Set(Object.values(config.profiles).flatMap((profile) => profile.managedPolicyArns)),
  ];
  for (const [name, actions] of Object.entries(AWS_MANAGED))
    state.putPolicy({
      arn: `arn:${partition}:iam::aws:policy/${name}`,
      name,
      document: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
      }),
    });
  const accountPolicy = (accountId: string) => {
    const boundaryArn = `arn:${partition}:iam::${accountId}:policy/access-broker/${permissionsBoundaryName}`;
    state.putPolicy({
      arn: boundaryArn,
      name: permissionsBoundaryName,
      document: JSON.stringify(buildPermissionsBoundary(config.guardrails.deniedServices, partition)),
    });
    if (config.accessKeyVendors)
      state.putPolicy({
        arn: `${boundaryArn}-key-user`,
        name: `${permissionsBoundaryName}-key-user`,
        document: JSON.stringify(buildKeyUserBoundary(partition)),
      });
    // A spoke's provisioner role (the home account's policy is only ever the functions' own, per capability).
    return JSON.stringify(
      buildBrokerIamPolicy({
        partition,
        accountId,
        boundaryArn,
        managedPolicyArns,
        readEveryRole: true,
        keyUsers: config.accessKeyVendors !== undefined,
      }),
    );
  };
  accountPolicy(homeAccountId);
  for (const [accountId, target] of Object.entries(config.targetAccounts))
    putProvisionerRole(state, {
      accountId,
      ...target,
      provisioningRoleArns,
      policy: accountPolicy(accountId),
    });
  const thirdParty = user(state, DEMO_THIRD_PARTY_ARN, '111122223333', [
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    }),
  ]);
  state.save();
  return { thirdParty };
}

/**
 * A principal with exactly the provisioning functions' IAM statements (a user, so its keys never expire):
 * for adapter tests of the IAM provisioner outside the full local runtime.
 */
export function seedProvisioner(
  state: IamState,
  config: BrokerConfig,
): { provisioner: LocalCredentials; thirdParty: LocalCredentials } {
  const { partition, region, homeAccountId: accountId, permissionsBoundaryName } = config.broker;
  // Adapter tests have no stage: the boundary is the config's own name, as the provisioner is given it.
  const resources = {
    ...localResources({ partition, region, accountId, permissionsBoundaryName }),
    permissionsBoundaryName,
    permissionsBoundaryArn: `arn:${partition}:iam::${accountId}:policy/access-broker/${permissionsBoundaryName}`,
  };
  const statements = functionStatements({ uses: ['provision'] }, resources, config);
  const arn = `arn:${config.broker.partition}:iam::${config.broker.homeAccountId}:user/local-provisioner`;
  const { thirdParty } = seedLocalWorld(state, config, [arn], resources.permissionsBoundaryName);
  const provisioner = user(state, arn, config.broker.homeAccountId, [
    JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  ]);
  state.save();
  return { provisioner, thirdParty };
}

/** A spoke account's provisioner role, as its stack deploys it: trusting exactly the provisioning roles. */
function putProvisionerRole(
  state: IamState,
  spoke: {
    accountId: string;
    provisionerRoleArn: string;
    externalId: string;
    provisioningRoleArns: readonly string[];
    policy: string;
  },
) {
  state.putRole({
    accountId: spoke.accountId,
    roleName: spoke.provisionerRoleArn.split('/').pop()!,
    roleId: `AROA${spoke.accountId}PROVISIONER`,
    path: '/',
    arn: spoke.provisionerRoleArn,
    createDate: new Date(0).toISOString(),
    trustPolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: [...spoke.provisioningRoleArns] },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': spoke.externalId } },
        },
      ],
    }),
    maxSessionDuration: 3600,
    tags: [],
    inlinePolicies: { 'access-broker': spoke.policy },
    attachedPolicyArns: [],
  });
}
