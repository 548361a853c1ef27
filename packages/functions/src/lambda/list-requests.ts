import { httpHandler } from '../http/http-handler';
import { listRequestsRoute } from '../http/routes/list-requests';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(listRequestsRoute, lambdaDeps('listRequests'));
