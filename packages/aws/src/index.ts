export * from './dynamodb/dynamo-grant-store';
export * from './dynamodb/grant-table';
export { streamedItem } from './dynamodb/grant-items';
export * from './iam/iam-clients';
export * from './iam/iam-role-provisioner';
export * from './sdk-client-config';
export * from './eventbridge/eventbridge-publisher';
export * from './scheduler/eventbridge-expiry-scheduler';
export * from './stepfunctions/step-functions-workflow';
