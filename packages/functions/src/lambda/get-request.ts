import { httpHandler } from '../http/http-handler';
import { getRequestRoute } from '../http/routes/get-request';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(getRequestRoute, lambdaDeps('getRequest'));
