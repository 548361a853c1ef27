import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, type Credentials, STSClient } from '@aws-sdk/client-sts';

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

/**
 * The demo third party assumes a grant's role with the External ID the grant shows, as the vendor would, and
 * gets S3 as that session sees it.
 */
export async function s3AsTheThirdParty(
  local: { awsEndpoint: string; demoThirdParty: { accessKeyId: string; secretAccessKey: string } },
  grant: { roleArn: string; externalId?: string },
  sessionName: string,
): Promise<S3Client> {
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: local.awsEndpoint,
    credentials: local.demoThirdParty,
  });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: grant.roleArn,
      RoleSessionName: sessionName,
      ExternalId: grant.externalId,
    }),
  );
  return s3OfSession(local.awsEndpoint, Credentials);
}
