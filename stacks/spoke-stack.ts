import { ArnPrincipal, type CfnRole, ManagedPolicy, PolicyDocument, Role } from 'aws-cdk-lib/aws-iam';
import { buildBrokerIamPolicy, buildPermissionsBoundary, ROLE_PATH } from '@access-broker/core';
import type { StackContext } from 'sst/constructs';
import { deployConfig } from './deploy-config';
import { forwardGrantActivity } from './grant-activity';
import { keyUserBoundary } from './broker/permissions-boundary';
import { applyNagSuppressions } from './nag-suppressions';
import { provisionerTrustPolicy } from './spoke-trust';

/**
 * One per additional target account: the provisioner role the broker assumes there (trusting exactly the
 * broker's provisioning functions' roles in its home account, with the External ID from the broker's config) carrying the same
 * path and boundary restrictions as in the home account, and the boundary policy itself.
 */
export async function SpokeStack({ stack, app }: StackContext) {
  const { config } = await deployConfig();
  const target = config.targetAccounts[stack.account];
  if (!target) throw new Error(`account ${stack.account} is not in the broker config's targetAccounts`);
  const boundaryName = `${config.broker.permissionsBoundaryName}-${app.stage}`;
  const boundaryArn = `arn:${config.broker.partition}:iam::${stack.account}:policy${ROLE_PATH}${boundaryName}`;
  const boundary = new ManagedPolicy(stack, 'PermissionsBoundary', {
    managedPolicyName: boundaryName,
    path: ROLE_PATH,
    document: PolicyDocument.fromJson(
      buildPermissionsBoundary(config.guardrails.deniedServices, config.broker.partition),
    ),
  });
  if (config.accessKeyVendors) keyUserBoundary(stack, 'KeyUserBoundary', config, boundaryName);
  const managedPolicyArns = [
    ...new Set(Object.values(config.profiles).flatMap((profile) => profile.managedPolicyArns)),
  ];
  const home = config.broker.homeAccountId;
  const role = new Role(stack, 'Provisioner', {
    roleName: target.provisionerRoleArn.split('/').pop()!,
    // Replaced below by the trust policy core builds: exactly the provisioning functions' roles.
    assumedBy: new ArnPrincipal(`arn:${config.broker.partition}:iam::${home}:root`),
    inlinePolicies: {
      provision: PolicyDocument.fromJson(
        buildBrokerIamPolicy({
          partition: config.broker.partition,
          accountId: stack.account,
          boundaryArn,
          managedPolicyArns,
          readEveryRole: true,
          keyUsers: config.accessKeyVendors !== undefined,
        }),
      ),
    },
  });
  (role.node.defaultChild as CfnRole).assumeRolePolicyDocument = provisionerTrustPolicy(
    config,
    app.stage,
    target.externalId,
  );
  forwardGrantActivity(stack, { partition: config.broker.partition, hubAccount: home, stage: app.stage });
  stack.addOutputs({ ProvisionerRoleArn: role.roleArn });
  applyNagSuppressions(stack, boundary);
}
