// The public surface of @access-broker/local-aws: the emulated services and what it takes to run them.
// Nothing here knows the broker; the runtime in @access-broker/local deploys the broker onto it.

export { startLocalAws } from './local-aws-endpoint';
export type { LocalAws, LocalAwsOptions } from './local-aws-endpoint';
export type { LocalService } from './protocol/local-service';
export { guarded } from './protocol/guarded-handler';
export { AwsAuthority } from './iam/aws-authority';
export type { IamState } from './iam/iam-state';
export { localOperator, localUser } from './iam/local-users';
export type { LocalCredentials } from './iam/local-users';
export { serviceRole } from './iam/service-roles';
export { seededRandom } from './iam/faults';
export type { FaultPlan } from './iam/faults';
export { startLocalDynamoDb } from './dynamodb/local-dynamodb';
export type { DynamoDbCall, LocalDynamoDb, StreamRecord } from './dynamodb/local-dynamodb';
export { startStandaloneDynamoDb } from './dynamodb/standalone-dynamodb';
export { LocalEventBridge } from './eventbridge/local-eventbridge';
export type { DeliveredEvent } from './eventbridge/local-eventbridge';
export { LocalBusRules } from './eventbridge/local-bus-rules';
export { LocalScheduler } from './scheduler/local-scheduler';
export { LocalSsm } from './ssm/local-ssm';
export { LocalStepFunctions } from './stepfunctions/local-step-functions';
export { DamagedStateFile } from './storage/append-log';
export type { LogFileSystem } from './storage/append-log';
export { HomeInUse, lockHome } from './storage/home-lock';
