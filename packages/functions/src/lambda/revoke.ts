import { httpHandler } from '../http/http-handler';
import { revokeRoute } from '../http/routes/grants/revoke';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(revokeRoute, lambdaDeps('revoke'));
