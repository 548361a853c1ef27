import { AUDIT_TRAIL_ACTIONS, brokerResourcePatterns } from './broker-resources';
import type { IamPolicy } from './policy-document';

/**
 * The boundary every grant role carries (the broker cannot create a role without it). It caps whatever a
 * profile or custom policy grants: nothing in the denied services, no account or organization changes, no
 * role chaining (a third party cannot hop from its grant to another role), nothing on the broker's own
 * resources, and no switching off the audit trail.
 */
export function buildPermissionsBoundary(deniedServices: readonly string[], partition = 'aws'): IamPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowWithinGrant', Effect: 'Allow', Action: '*', Resource: '*' },
      {
        Sid: 'DenyPrivilegedServices',
        Effect: 'Deny',
        Action: [...new Set([...deniedServices, 'iam', 'organizations', 'account'])].map(
          (service) => `${service}:*`,
        ),
        Resource: '*',
      },
      {
        Sid: 'DenyRoleChaining',
        Effect: 'Deny',
        Action: ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
        Resource: '*',
      },
      {
        Sid: 'DenyTheBrokersOwnResources',
        Effect: 'Deny',
        Action: '*',
        Resource: brokerResourcePatterns(partition),
      },
      { Sid: 'DenyBlindingTheAuditTrail', Effect: 'Deny', Action: [...AUDIT_TRAIL_ACTIONS], Resource: '*' },
    ],
  };
}
