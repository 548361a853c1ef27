import { httpHandler } from '../http/http-handler';
import { listProfilesRoute } from '../http/routes/requests/list-profiles';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(listProfilesRoute, lambdaDeps('listProfiles'));
