import { httpHandler } from '../http/http-handler';
import { listRequestsRoute } from '../http/routes/requests/list-requests';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(listRequestsRoute, lambdaDeps('listRequests'));
