import { extendRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = extendRoute(lambdaDeps('extend'));
