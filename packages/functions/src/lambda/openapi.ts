import { httpHandler } from '../http/http-handler';
import { openApiRoute } from '../http/route-table';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(openApiRoute, lambdaDeps('openApi'));
