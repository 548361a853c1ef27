import { sweepHandler } from '../grants/expiry-handlers';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = sweepHandler(lambdaDeps('sweep'));
