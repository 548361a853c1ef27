import { httpHandler } from '../http/http-handler';
import { extendRoute } from '../http/routes/grants/extend';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(extendRoute, lambdaDeps('extend'));
