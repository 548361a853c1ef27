import { httpHandler } from '../http/http-handler';
import { whoAmIRoute } from '../http/routes/identity/who-am-i';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(whoAmIRoute, lambdaDeps('whoAmI'));
