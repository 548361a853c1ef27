import { sweepHandler } from '../schedule/expiry-handlers';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = sweepHandler(lambdaDeps('sweep'));
