import { decisionRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = decisionRoute(lambdaDeps('decide'));
