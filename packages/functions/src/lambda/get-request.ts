import { getRequestRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = getRequestRoute(lambdaDeps('getRequest'));
