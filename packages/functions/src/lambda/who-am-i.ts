import { httpHandler } from '../http/http-handler';
import { whoAmIRoute } from '../http/routes/who-am-i';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(whoAmIRoute, lambdaDeps('whoAmI'));
