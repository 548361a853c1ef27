import { reconcileHandler } from '../grants/expiry-handlers';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = reconcileHandler(lambdaDeps('reconcile'));
