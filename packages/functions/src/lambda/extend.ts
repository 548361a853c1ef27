import { httpHandler } from '../http/http-handler';
import { extendRoute } from '../http/routes/extend';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(extendRoute, lambdaDeps('extend'));
