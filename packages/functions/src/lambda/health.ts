import { healthRoute } from '../http/routes/public-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = healthRoute(lambdaDeps('health'));
