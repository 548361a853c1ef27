import { openApiRoute } from '../http/routes/public-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

const deps = lambdaDeps({});
export const handler = openApiRoute(deps);
