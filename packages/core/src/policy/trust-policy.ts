import { ValidationError } from '../errors';
import type { IamPolicy } from './policy-document';
import { policySize, TRUST_POLICY_MAX_CHARS } from './size-limits';

export interface TrustPolicyInput {
  principalArn: string;
  externalId: string;
  expiresAt: Date;
}

/**
 * Exactly one principal may assume the role, only with the External ID (confused-deputy protection), and
 * only before expiry: IAM itself refuses the role afterwards, even if teardown runs late.
 */
export function buildTrustPolicy({ principalArn, externalId, expiresAt }: TrustPolicyInput): IamPolicy {
  const policy: IamPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ThirdPartyWithExternalIdUntilExpiry',
        Effect: 'Allow',
        Principal: { AWS: principalArn },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'sts:ExternalId': externalId },
          DateLessThan: { 'aws:CurrentTime': expiresAt.toISOString() },
        },
      },
    ],
  };
  if (policySize(policy) > TRUST_POLICY_MAX_CHARS) {
    throw ValidationError.of(
      'externalId',
      `the trust policy would exceed IAM's ${TRUST_POLICY_MAX_CHARS}-character limit`,
    );
  }
  return policy;
}
