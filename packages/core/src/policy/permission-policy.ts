import { ValidationError } from '../errors';
import type { CheckedStatement, IamPolicy } from './policy-document';
import { INLINE_POLICY_MAX_CHARS, policySize } from './size-limits';

/** Name of the inline policy that carries the grant's permissions and its expiry. */
export const GRANT_POLICY_NAME = 'access-broker-grant';

/**
 * The grant's inline policy: the checked statements plus a deny of everything once `aws:CurrentTime` passes
 * the expiry, so sessions opened before expiry stop working at expiry (a session outlives its role's trust).
 */
export function buildPermissionPolicy(statements: readonly CheckedStatement[], expiresAt: Date): IamPolicy {
  const policy: IamPolicy = {
    Version: '2012-10-17',
    Statement: [
      ...statements.map((statement) => ({ ...statement })),
      {
        Sid: 'DenyEverythingAfterExpiry',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateGreaterThan: { 'aws:CurrentTime': expiresAt.toISOString() } },
      },
    ],
  };
  if (policySize(policy) > INLINE_POLICY_MAX_CHARS) {
    throw ValidationError.of(
      'policy',
      `the role policy would exceed IAM's ${INLINE_POLICY_MAX_CHARS}-character inline limit`,
    );
  }
  return policy;
}
