import { S3Client } from '@aws-sdk/client-s3';
import type { Credentials } from '@aws-sdk/client-sts';

/** The credentials of an AssumeRole answer, as SDK clients take them. */
export function sessionCredentials(credentials: Credentials | undefined) {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken)
    throw new Error('AssumeRole returned no credentials');
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
  };
}

/** S3 as the third party's session sees it, against the local AWS (path-style, no retries). */
export function s3OfSession(awsEndpoint: string, credentials: Credentials | undefined): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: awsEndpoint,
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: sessionCredentials(credentials),
  });
}
