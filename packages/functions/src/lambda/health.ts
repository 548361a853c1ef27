import { httpHandler } from '../http/http-handler';
import { healthRoute } from '../http/routes/health';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(healthRoute, lambdaDeps('health'));
