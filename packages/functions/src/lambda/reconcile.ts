import { reconcileHandler } from '../schedule/expiry-handlers';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { iamProvisioner } from '../runtime/wiring/iam';

// The config comes first: the IAM clients and the Slack channel depend on it.
const base = lambdaDeps({});
const { config } = base;
const deps = { ...base, store: dynamoStore(), provisioner: iamProvisioner(config) };
export const handler = reconcileHandler(deps);
