import { expireHandler } from '../schedule/expiry-handlers';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = expireHandler(lambdaDeps('expire'));
