import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoGrantStore, sdkClientConfig } from '@access-broker/aws';
import { lambdaRegion } from './region';

export function dynamoStore(tableName: string) {
  return new DynamoGrantStore(new DynamoDBClient(sdkClientConfig({ region: lambdaRegion() })), { tableName });
}
