import { httpHandler } from '../http/http-handler';
import { revokeRoute } from '../http/routes/revoke';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(revokeRoute, lambdaDeps('revoke'));
