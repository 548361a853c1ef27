import { httpHandler } from '../http/http-handler';
import { activityRoute } from '../http/routes/activity';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(activityRoute, lambdaDeps('activityHttp'));
