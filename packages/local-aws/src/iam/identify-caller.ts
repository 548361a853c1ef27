import type { IncomingMessage } from 'node:http';
import type { Caller } from './authorize';
import type { IamState } from './iam-state';
import { QueryError } from '../protocol/query-protocol';
import { signedBy, verifySignature } from '../protocol/request-signature';

/** Who signed a request: a user by its long-term key, or a live session; the SigV4 signature is checked. */
export async function identifyCaller(
  state: IamState,
  request: IncomingMessage,
  body: string,
  now: Date,
): Promise<Caller> {
  const { accessKeyId } = signedBy(request);
  const invalid = new QueryError(
    403,
    'InvalidClientTokenId',
    'The security token included in the request is invalid.',
  );
  const user = state.users.get(accessKeyId);
  if (user) {
    // A deactivated key, or the key of a user since deleted, authenticates nothing (as in IAM).
    if (user.status === 'Inactive' || (user.userName && !state.iamUser(user.accountId, user.userName)))
      throw invalid;
    await verifySignature(request, body, user.secretAccessKey);
    return { arn: user.arn, accountId: user.accountId, user };
  }
  const session = state.sessions.get(accessKeyId);
  if (!session || request.headers['x-amz-security-token'] !== session.sessionToken) throw invalid;
  if (Date.parse(session.expiresAt) <= now.getTime())
    throw new QueryError(403, 'ExpiredToken', 'The security token included in the request is expired');
  await verifySignature(request, body, session.secretAccessKey, session.sessionToken);
  return { arn: session.arn, accountId: session.accountId, session };
}
