import { httpHandler } from '../http/http-handler';
import { decideRoute } from '../http/routes/decide';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(decideRoute, lambdaDeps('decide'));
