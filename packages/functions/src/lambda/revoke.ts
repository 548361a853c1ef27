import { revokeRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = revokeRoute(lambdaDeps('revoke'));
