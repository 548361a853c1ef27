import { httpHandler } from '../http/http-handler';
import { listProfilesRoute } from '../http/routes/list-profiles';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(listProfilesRoute, lambdaDeps('listProfiles'));
