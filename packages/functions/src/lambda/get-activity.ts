import { httpHandler } from '../http/http-handler';
import { getActivityRoute } from '../http/routes/activity/get-activity';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(getActivityRoute, lambdaDeps('getActivity'));
