import { httpHandler } from '../http/http-handler';
import { getRequestRoute } from '../http/routes/requests/get-request';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(getRequestRoute, lambdaDeps('getRequest'));
