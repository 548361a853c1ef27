import type { IamPolicy } from './policy-document';

/**
 * The first step of teardown: the grant's inline policy is overwritten with this deny of everything. It is
 * stronger than the console's "Revoke active sessions" (AWSRevokeOlderSessions, `aws:TokenIssueTime` before
 * now): until the role is deleted its trust still admits the principal, so sessions opened *during* an early
 * revoke must be denied too. Deleting a role alone does not end credentials already issued; this does.
 */
export function buildSessionRevokePolicy(): IamPolicy {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'RevokeEverySessionOfThisGrant', Effect: 'Deny', Action: '*', Resource: '*' }],
  };
}
