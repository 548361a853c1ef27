import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoGrantStore, sdkClientConfig } from '@access-broker/aws';
import { lambdaEnv } from '../lambda-env';

export function dynamoStore() {
  const { region, tableName } = lambdaEnv(['region', 'tableName']);
  return new DynamoGrantStore(new DynamoDBClient(sdkClientConfig({ region })), { tableName });
}
