import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LocalIamUser, LocalSession } from '../iam/iam-state';

/** A CloudTrail record, as the `detail` of an "AWS API Call via CloudTrail" event. */
export type CloudTrailRecord = Record<string, unknown>;

/** Who made a call CloudTrail records: a role session, or (the access-key fallback) an IAM user's key. */
export type TrailedCaller = { session: LocalSession } | { user: LocalIamUser; accessKeyId: string };

/**
 * What CloudTrail records for one call made with a role session, or with a key user's access key: the caller
 * (the session and the role that issued it; the user), the call, where it came from, and the error when AWS
 * refused it. Calls made with other long-term keys (the broker's, the demo third party's) are not emitted.
 */
export function cloudTrailRecord(input: {
  caller: TrailedCaller;
  request: IncomingMessage;
  service: string;
  action: string;
  region: string;
  at: Date;
  readOnly: boolean;
  errorCode?: string;
  resources?: string[];
}): CloudTrailRecord {
  const accountId = 'session' in input.caller ? input.caller.session.accountId : input.caller.user.accountId;
  return {
    eventVersion: '1.09',
    userIdentity: identityOf(input.caller),
    eventTime: input.at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: `${input.service}.amazonaws.com`,
    eventName: input.action,
    awsRegion: input.region,
    sourceIPAddress: input.request.socket.remoteAddress ?? '127.0.0.1',
    userAgent: String(input.request.headers['user-agent'] ?? ''),
    ...(input.errorCode ? { errorCode: input.errorCode, errorMessage: `${input.errorCode} (local)` } : {}),
    requestID: randomUUID(),
    eventID: randomUUID(),
    readOnly: input.readOnly,
    ...(input.resources ? { resources: input.resources.map((arn) => ({ ARN: arn, accountId })) } : {}),
    eventType: 'AwsApiCall',
    managementEvent: input.service !== 's3',
    recipientAccountId: accountId,
  };
}

function identityOf(caller: TrailedCaller): Record<string, unknown> {
  if ('user' in caller)
    return {
      type: 'IAMUser',
      principalId: caller.user.userId,
      arn: caller.user.arn,
      accountId: caller.user.accountId,
      accessKeyId: caller.accessKeyId,
      userName: caller.user.userName,
    };
  const { session } = caller;
  const roleName = session.roleArn.split('/').pop() ?? '';
  return {
    type: 'AssumedRole',
    principalId: `AROA${session.accessKeyId.slice(4)}:${session.arn.split('/').pop()}`,
    arn: session.arn,
    accountId: session.accountId,
    accessKeyId: session.accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: `AROA${session.accessKeyId.slice(4)}`,
        arn: session.roleArn,
        accountId: session.accountId,
        userName: roleName,
      },
      attributes: { creationDate: session.issuedAt, mfaAuthenticated: 'false' },
    },
  };
}
