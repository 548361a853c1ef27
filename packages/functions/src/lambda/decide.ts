import { httpHandler } from '../http/http-handler';
import { decideRoute } from '../http/routes/approval/decide';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(decideRoute, lambdaDeps('decide'));
