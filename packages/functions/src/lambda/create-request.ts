import { createRequestRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = createRequestRoute(lambdaDeps('createRequest'));
