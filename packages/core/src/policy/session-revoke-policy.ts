import { type IamPolicy } from './policy-document';

export const SESSION_REVOKE_POLICY_NAME = 'access-broker-revoke-sessions';

/**
 * The first step of teardown: deny every action to sessions issued before `now`. This is the statement the
 * IAM console's "Revoke active sessions" adds (AWSRevokeOlderSessions): deleting a role does not end the
 * temporary credentials already issued for it, this does.
 */
export function buildSessionRevokePolicy(now: Date): IamPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'RevokeSessionsIssuedBeforeTeardown',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:TokenIssueTime': now.toISOString() } },
      },
    ],
  };
}
