import { randomBytes } from 'node:crypto';
import type { IamState, LocalUser } from './iam-state';

/** An IAM user's long-term access key, as a client signs with it. */
export interface LocalCredentials {
  principalArn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** A user with exactly these inline policies; its keys are made once and kept across restarts. */
export function localUser(
  state: IamState,
  arn: string,
  accountId: string,
  policies: string[],
): LocalCredentials {
  const existing = [...state.users.values()].find((candidate) => candidate.arn === arn);
  const entry: LocalUser = existing
    ? { ...existing, policies }
    : {
        arn,
        accountId,
        policies,
        accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
        secretAccessKey: randomBytes(30).toString('base64'),
      };
  state.putUser(entry);
  return { principalArn: arn, accessKeyId: entry.accessKeyId, secretAccessKey: entry.secretAccessKey };
}

/**
 * The operator: an administrator of the local account, for the tools around the broker (tests reading the
 * table, the benchmark). The broker's own functions never use it.
 */
export function localOperator(state: IamState, accountId: string): LocalCredentials {
  const credentials = localUser(state, `arn:aws:iam::${accountId}:user/local-operator`, accountId, [
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  ]);
  state.save();
  return credentials;
}
