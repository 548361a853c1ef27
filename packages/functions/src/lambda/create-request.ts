import { httpHandler } from '../http/http-handler';
import { createRequestRoute } from '../http/routes/create-request';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(createRequestRoute, lambdaDeps('createRequest'));
