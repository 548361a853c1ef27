import { httpHandler } from '../http/http-handler';
import { healthRoute } from '../http/routes/health';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(healthRoute, lambdaDeps('health'));
