// The public surface of @access-broker/aws: everything else is private to the package.

export { DynamoGrantStore } from './dynamodb/dynamo-grant-store';
export { createGrantTableInput, GRANT_TABLE, grantTableKeyAttributes } from './dynamodb/grant-table';
export { atExpression, scheduleName } from './scheduler/eventbridge-expiry-scheduler';
export { sdkClientConfig } from './sdk-client-config';
