import { httpHandler } from '../http/http-handler';
import { evidenceRoute } from '../http/routes/activity';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(evidenceRoute, lambdaDeps('evidenceHttp'));
