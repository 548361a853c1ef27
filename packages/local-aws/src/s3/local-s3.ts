import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLBuilder } from 'fast-xml-parser';
import { authorize, type Caller } from '../iam/authorize';
import { identifyCaller } from '../iam/identify-caller';
import type { IamState } from '../iam/iam-state';
import { QueryError } from '../protocol/query-protocol';
import { type CloudTrailRecord, cloudTrailRecord } from '../cloudtrail/cloudtrail-record';

const builder = new XMLBuilder();

/**
 * S3 reduced to its authorization decision, so a test can ask what a grant's session may do *now*: a
 * path-style GET of `/<bucket>/<key>` is evaluated against the caller's policies (current time, token issue
 * time, boundary). Allowed → 404 NoSuchKey (nothing is stored); denied → 403 AccessDenied, as S3 answers.
 */
async function s3Decision(
  state: IamState,
  caller: Caller,
  request: IncomingMessage,
  now: Date,
  trail?: (record: CloudTrailRecord) => void,
): Promise<{ status: number; body: string }> {
  const [bucket = '', ...rest] = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname)
    .slice(1)
    .split('/');
  const key = rest.join('/');
  const action = key ? 's3:GetObject' : 's3:ListBucket';
  const resource = key ? `arn:aws:s3:::${bucket}/${key}` : `arn:aws:s3:::${bucket}`;
  // A data event, as a trail recording S3 data events logs it.
  const record = (errorCode?: string) =>
    caller.session &&
    trail?.(
      cloudTrailRecord({
        caller: { session: caller.session },
        request,
        service: 's3',
        action: key ? 'GetObject' : 'ListObjects',
        region: 'us-east-1',
        at: now,
        readOnly: true,
        resources: [resource],
        ...(errorCode ? { errorCode } : {}),
      }),
    );
  try {
    await authorize(state, caller, { action, resource, resourceAccount: caller.accountId }, now);
    record();
    return {
      status: 404,
      body: builder.build({
        Error: { Code: 'NoSuchKey', Message: 'The specified key does not exist.', Key: key },
      }),
    };
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    record('AccessDenied');
    return {
      status: 403,
      body: builder.build({ Error: { Code: 'AccessDenied', Message: 'Access Denied' } }),
    };
  }
}

/** Answers one S3 request on the local AWS endpoint with S3's status codes and XML errors. */
export async function answerS3(
  state: IamState,
  request: IncomingMessage,
  body: string,
  now: Date,
  response: ServerResponse,
  trail?: (record: CloudTrailRecord) => void,
) {
  let result: { status: number; body: string };
  try {
    result = await s3Decision(state, await identifyCaller(state, request, body, now), request, now, trail);
  } catch (error) {
    const code = error instanceof QueryError ? error.code : 'InternalError';
    result = {
      status: error instanceof QueryError ? error.status : 500,
      body: `<Error><Code>${code}</Code><Message>${code}</Message></Error>`,
    };
  }
  response.writeHead(result.status, { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID() });
  response.end(request.method === 'HEAD' ? undefined : result.body);
}
