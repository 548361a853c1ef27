import { ROLE_PATH } from '@access-broker/core';

/**
 * The EventBridge pattern of the calls made with grant roles' sessions: CloudTrail's management events (and
 * data events, where a trail records them) whose session was issued by a role under the broker's path. The
 * stack deploys it; the local runtime routes its CloudTrail records with the same pattern.
 */
export function grantSessionPattern(partition: string) {
  return {
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: {
      userIdentity: {
        type: ['AssumedRole'],
        sessionContext: {
          sessionIssuer: { arn: [{ wildcard: `arn:${partition}:iam::*:role${ROLE_PATH}*` }] },
        },
      },
    },
  };
}

/** Whether a CloudTrail record matches that pattern (the part of EventBridge matching the local runtime needs). */
export function isGrantSessionCall(record: Record<string, unknown>, partition: string): boolean {
  const identity = record.userIdentity as
    { type?: unknown; sessionContext?: { sessionIssuer?: { arn?: unknown } } } | undefined;
  const issuer = String(identity?.sessionContext?.sessionIssuer?.arn ?? '');
  return (
    identity?.type === 'AssumedRole' &&
    new RegExp(`^arn:${partition}:iam::\\d{12}:role${ROLE_PATH}`).test(issuer)
  );
}
