import { reconcileHandler } from '../schedule/expiry-handlers';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = reconcileHandler(lambdaDeps('reconcile'));
