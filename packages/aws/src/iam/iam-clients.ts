import { IAMClient, type IAMClientConfig } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { IamClientSource } from './iam-role-provisioner';

export interface TargetAccount {
  provisionerRoleArn: string;
  externalId: string;
}

// Refresh assumed credentials this long before they expire, so no IAM call starts with dying credentials.
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * IAM clients per account: the broker's own for its home account; for every other target account, a client
 * whose credentials come from assuming that account's provisioner role (with its External ID), cached until
 * shortly before they expire.
 */
export class TargetAccountIamClients implements IamClientSource {
  private readonly clients = new Map<string, IAMClient>();

  constructor(
    private readonly options: {
      homeAccountId: string;
      home: IAMClient;
      targets: Record<string, TargetAccount>;
      sts: STSClient;
      /** Config shared by every client (region, endpoint, retry strategy). */
      clientConfig: IAMClientConfig;
    },
  ) {}

  clientFor(accountId: string): IAMClient {
    if (accountId === this.options.homeAccountId) return this.options.home;
    const cached = this.clients.get(accountId);
    if (cached) return cached;
    const target = this.options.targets[accountId];
    if (!target) throw new TypeError(`account ${accountId} is not a configured target account`);
    const client = new IAMClient({
      ...this.options.clientConfig,
      credentials: assumedRoleCredentials(this.options.sts, target),
    });
    this.clients.set(accountId, client);
    return client;
  }
}

export function assumedRoleCredentials(
  sts: STSClient,
  target: TargetAccount,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (current?.expiration && current.expiration.getTime() - REFRESH_MARGIN_MS > now()) return current;
    pending ??= sts
      .send(
        new AssumeRoleCommand({
          RoleArn: target.provisionerRoleArn,
          RoleSessionName: 'access-broker',
          ExternalId: target.externalId,
        }),
      )
      .then(({ Credentials }) => {
        current = {
          accessKeyId: Credentials!.AccessKeyId!,
          secretAccessKey: Credentials!.SecretAccessKey!,
          sessionToken: Credentials!.SessionToken!,
          expiration: Credentials!.Expiration!,
        };
        return current;
      })
      .finally(() => (pending = undefined));
    return pending;
  };
}
