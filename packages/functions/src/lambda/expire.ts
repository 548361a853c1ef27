import { expireHandler } from '../schedule/expiry-handlers';
import { lambdaDeps } from '../runtime/lambda-deps';
import { teardownPorts } from '../runtime/wiring/teardown';

export const handler = expireHandler(lambdaDeps(teardownPorts));
