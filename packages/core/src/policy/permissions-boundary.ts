import type { IamPolicy } from './policy-document';

/**
 * The boundary every grant role carries (the broker cannot create a role without it). It caps whatever a
 * profile or custom policy grants: nothing in the denied services, no account or organization changes, and
 * no role chaining, so a third party cannot hop from its grant to another role.
 */
export function buildPermissionsBoundary(deniedServices: readonly string[]): IamPolicy {
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
    ],
  };
}
