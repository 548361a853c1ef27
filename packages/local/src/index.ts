export * from './dynamodb/local-dynamodb';
export * from './iam/faults';
export * from './iam/local-iam-server';
export * from './iam/local-world';
export * from './runtime/local-broker';
