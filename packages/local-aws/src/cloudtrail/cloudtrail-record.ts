import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LocalSession } from '../iam/iam-state';

/** A CloudTrail record, as the `detail` of an "AWS API Call via CloudTrail" event. */
export type CloudTrailRecord = Record<string, unknown>;

/**
 * What CloudTrail records for one call made with a role session: the caller (the session and the role that
 * issued it), the call, where it came from, and the error when AWS refused it. Calls made with long-term keys
 * are not emitted: no grant is ever such a caller.
 */
export function cloudTrailRecord(input: {
  session: LocalSession;
  request: IncomingMessage;
  service: string;
  action: string;
  region: string;
  at: Date;
  readOnly: boolean;
  errorCode?: string;
  resources?: string[];
}): CloudTrailRecord {
  const { session } = input;
  const roleName = session.roleArn.split('/').pop() ?? '';
  return {
    eventVersion: '1.09',
    userIdentity: {
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
    },
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
    ...(input.resources
      ? { resources: input.resources.map((arn) => ({ ARN: arn, accountId: session.accountId })) }
      : {}),
    eventType: 'AwsApiCall',
    managementEvent: input.service !== 's3',
    recipientAccountId: session.accountId,
  };
}
