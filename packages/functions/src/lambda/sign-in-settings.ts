import { httpHandler } from '../http/http-handler';
import { signInSettingsRoute } from '../http/routes/identity/sign-in-settings';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(signInSettingsRoute, lambdaDeps('signInSettings'));
