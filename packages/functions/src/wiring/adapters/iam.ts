import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { TargetAccountIamClients } from '@access-broker/aws/iam';
import { IamRoleProvisioner } from '@access-broker/aws/iam';
import { sdkClientConfig } from '@access-broker/aws/sdk-client-config';
import { type BrokerConfig, durationSeconds } from '@access-broker/core';
import { lambdaRegion } from './region';

export function iamProvisioner(config: Pick<BrokerConfig, 'broker' | 'targetAccounts' | 'limits'>) {
  const clientConfig = sdkClientConfig({ region: lambdaRegion() });
  return new IamRoleProvisioner(
    new TargetAccountIamClients({
      homeAccountId: config.broker.homeAccountId,
      home: new IAMClient(clientConfig),
      targets: config.targetAccounts,
      sts: new STSClient(clientConfig),
      clientConfig,
    }),
    { propagationDelayMs: durationSeconds(config.limits.iamPropagationDelay) * 1000 },
  );
}
