import type { IncomingMessage } from 'node:http';
import { XMLBuilder } from 'fast-xml-parser';
import { authorize, type Caller } from './authorize';
import type { IamState } from './iam-state';
import { QueryError } from './query-protocol';

const builder = new XMLBuilder();

/**
 * S3 reduced to its authorization decision, so a test can ask what a grant's session may do *now*: a
 * path-style GET of `/<bucket>/<key>` is evaluated against the caller's policies (current time, token issue
 * time, boundary). Allowed → 404 NoSuchKey (nothing is stored); denied → 403 AccessDenied, as S3 answers.
 */
export async function s3Authorization(
  state: IamState,
  caller: Caller,
  request: IncomingMessage,
  now: Date,
): Promise<{ status: number; body: string }> {
  const [bucket = '', ...rest] = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname)
    .slice(1)
    .split('/');
  const key = rest.join('/');
  const action = key ? 's3:GetObject' : 's3:ListBucket';
  const resource = key ? `arn:aws:s3:::${bucket}/${key}` : `arn:aws:s3:::${bucket}`;
  try {
    await authorize(state, caller, { action, resource, resourceAccount: caller.accountId }, now);
    return {
      status: 404,
      body: builder.build({
        Error: { Code: 'NoSuchKey', Message: 'The specified key does not exist.', Key: key },
      }),
    };
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    return {
      status: 403,
      body: builder.build({ Error: { Code: 'AccessDenied', Message: 'Access Denied' } }),
    };
  }
}
