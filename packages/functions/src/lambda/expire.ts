import { expireHandler } from '../grants/expiry-handlers';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = expireHandler(lambdaDeps('expire'));
