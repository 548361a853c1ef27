import type { BrokerConfig } from '@access-broker/core';
import { functionRoleName, provisioningFunctions } from '@access-broker/functions';

/**
 * Who may assume a spoke account's provisioner role: exactly the roles of the broker's provisioning
 * functions of this stage (by ARN: no prefix another role could match, no account root), with the External ID.
 */
export function provisionerTrustPolicy(config: BrokerConfig, stage: string, externalId: unknown) {
  const { partition, homeAccountId } = config.broker;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          AWS: provisioningFunctions().map(
            (name) => `arn:${partition}:iam::${homeAccountId}:role/${functionRoleName(stage, name)}`,
          ),
        },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
}
