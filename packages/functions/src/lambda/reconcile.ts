import { reconcileHandler } from '../schedule/expiry-handlers';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { iamProvisioner } from '../runtime/wiring/iam';

export const handler = reconcileHandler(
  lambdaDeps((config) => ({ store: dynamoStore(), provisioner: iamProvisioner(config) })),
);
