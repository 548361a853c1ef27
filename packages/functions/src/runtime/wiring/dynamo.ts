import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoGrantStore } from '@access-broker/aws/dynamodb/dynamo-grant-store';
import { sdkClientConfig } from '@access-broker/aws/sdk-client-config';
import { lambdaRegion } from './region';

export function dynamoStore(tableName: string) {
  return new DynamoGrantStore(new DynamoDBClient(sdkClientConfig({ region: lambdaRegion() })), { tableName });
}
