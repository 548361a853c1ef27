import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { GrantProfile } from './grant-profile';

/** The federation endpoint and console of each partition. */
const PARTITIONS: Record<string, { federation: string; console: (region: string) => string }> = {
  aws: {
    federation: 'https://signin.aws.amazon.com/federation',
    console: (region) => `https://${region}.console.aws.amazon.com/console/home?region=${region}`,
  },
  'aws-us-gov': {
    federation: 'https://signin.amazonaws-us-gov.com/federation',
    console: (region) => `https://console.amazonaws-us-gov.com/console/home?region=${region}`,
  },
  'aws-cn': {
    federation: 'https://signin.amazonaws.cn/federation',
    console: (region) => `https://console.amazonaws.cn/console/home?region=${region}`,
  },
};

/**
 * The console for a grant, with the third party's own credentials: AssumeRole with the External ID (one hour,
 * within the role's session limit), the federation endpoint's getSigninToken for a console session no longer
 * than those credentials, and the sign-in URL. The URL is a credential for 15 minutes: it is printed, not logged.
 */
export async function consoleSignInUrl(
  grant: GrantProfile & { region: string },
  options: { sessionName: string; minutes: number },
): Promise<{ url: string; expiresAt: Date }> {
  const partition = /^arn:([\w-]+):/.exec(grant.roleArn)?.[1] ?? 'aws';
  const endpoints = PARTITIONS[partition] ?? PARTITIONS.aws!;
  const credentials =
    grant.sourceProfile && grant.sourceProfile !== 'default'
      ? fromIni({ profile: grant.sourceProfile })
      : fromNodeProviderChain();
  const sts = new STSClient({ region: grant.region, credentials });
  const seconds = Math.min(Math.max(options.minutes * 60, 900), 3600);
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: grant.roleArn,
      RoleSessionName: options.sessionName,
      ...(grant.externalId ? { ExternalId: grant.externalId } : {}),
      DurationSeconds: seconds,
    }),
  );
  sts.destroy();
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey || !Credentials.SessionToken)
    throw new Error('STS returned no credentials');
  const federation = process.env.BROKER_FEDERATION_ENDPOINT ?? endpoints.federation;
  const session = JSON.stringify({
    sessionId: Credentials.AccessKeyId,
    sessionKey: Credentials.SecretAccessKey,
    sessionToken: Credentials.SessionToken,
  });
  const tokenUrl = `${federation}?${new URLSearchParams({ Action: 'getSigninToken', SessionDuration: String(seconds), Session: session })}`;
  const response = await fetch(tokenUrl, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok)
    throw new Error(`the federation endpoint refused: ${response.status} ${await response.text()}`);
  const { SigninToken } = (await response.json()) as { SigninToken?: string };
  if (!SigninToken) throw new Error('the federation endpoint returned no sign-in token');
  const url = `${federation}?${new URLSearchParams({
    Action: 'login',
    Issuer: 'access-broker',
    Destination: endpoints.console(grant.region),
    SigninToken,
  })}`;
  return { url, expiresAt: Credentials.Expiration ?? new Date(Date.now() + seconds * 1000) };
}
