import type { CreateTableInput } from '@aws-sdk/client-dynamodb';
import { AwsAuthority } from '../iam/aws-authority';
import { IamState } from '../iam/iam-state';
import { type LocalCredentials, localOperator } from '../iam/local-users';
import { type LocalDynamoDb, startLocalDynamoDb } from './local-dynamodb';

/** The local DynamoDB on its own, with an administrator's credentials: for adapter tests and the benchmark. */
export async function startStandaloneDynamoDb(options: {
  tables: CreateTableInput[];
  /** The table's append log; in memory only when absent. */
  log?: string;
}): Promise<LocalDynamoDb & { credentials: LocalCredentials }> {
  const state = new IamState();
  const authority = new AwsAuthority(state, '000000000000', 'us-east-1');
  const credentials = localOperator(state, authority.accountId);
  authority.markStable(credentials.principalArn);
  const dynamodb = await startLocalDynamoDb({ ...options, authority });
  return { ...dynamodb, credentials };
}
