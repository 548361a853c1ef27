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
