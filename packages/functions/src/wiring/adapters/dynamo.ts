import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoGrantStore } from '@access-broker/aws/dynamodb';
import { DynamoVendorStore } from '@access-broker/aws/dynamodb';
import { DynamoActivityStore } from '@access-broker/aws/dynamodb';
import { sdkClientConfig } from '@access-broker/aws/sdk-client-config';
import { lambdaRegion } from './region';

let client: DynamoDBClient | undefined;
const dynamodb = () => (client ??= new DynamoDBClient(sdkClientConfig({ region: lambdaRegion() })));

export function dynamoStore(tableName: string) {
  return new DynamoGrantStore(dynamodb(), { tableName });
}

export function dynamoVendors(tableName: string) {
  return new DynamoVendorStore(dynamodb(), tableName);
}

export function dynamoActivity(tableName: string) {
  return new DynamoActivityStore(dynamodb(), tableName);
}
