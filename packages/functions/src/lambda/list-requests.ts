import { listRequestsRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = listRequestsRoute(lambdaDeps('listRequests'));
