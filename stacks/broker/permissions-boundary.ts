import type { Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyDocument } from 'aws-cdk-lib/aws-iam';
import {
  type BrokerConfig,
  buildKeyUserBoundary,
  buildPermissionsBoundary,
  ROLE_PATH,
} from '@access-broker/core';

/** The boundary every grant role carries, one per stage under the broker's path. */
export function permissionsBoundary(stack: Stack, config: BrokerConfig, stage: string) {
  const name = `${config.broker.permissionsBoundaryName}-${stage}`;
  const policy = new ManagedPolicy(stack, 'PermissionsBoundary', {
    managedPolicyName: name,
    path: ROLE_PATH,
    description:
      'Caps every access-broker grant role: no IAM, Organizations, account changes or role chaining.',
    document: PolicyDocument.fromJson(
      buildPermissionsBoundary(config.guardrails.deniedServices, config.broker.partition),
    ),
  });
  const arn = `arn:${config.broker.partition}:iam::${stack.account}:policy${ROLE_PATH}${name}`;
  if (config.accessKeyVendors) keyUserBoundary(stack, 'KeyUserBoundary', config, name);
  return { policy, name, arn };
}

/** Access-key vendors' users carry their own boundary (key-user.ts): sts:AssumeRole on grant roles only. */
export function keyUserBoundary(stack: Stack, id: string, config: BrokerConfig, boundaryName: string) {
  return new ManagedPolicy(stack, id, {
    managedPolicyName: `${boundaryName}-key-user`,
    path: ROLE_PATH,
    description: "Caps every access-broker key user: it may only assume its grant's role.",
    document: PolicyDocument.fromJson(buildKeyUserBoundary(config.broker.partition)),
  });
}
