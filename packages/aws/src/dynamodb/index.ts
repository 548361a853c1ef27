// The DynamoDB adapters, for a function that loads them on first use (wiring/adapters/dynamo.ts).
export { DynamoActivityStore } from './dynamo-activity-store';
export { DynamoGrantStore } from './dynamo-grant-store';
export { DynamoVendorStore } from './dynamo-vendor-store';
export { streamedItem } from './grant-items';
