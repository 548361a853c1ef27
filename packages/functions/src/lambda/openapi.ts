import { openApiRoute } from '../http/routes/public-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = openApiRoute(lambdaDeps('openApi'));
