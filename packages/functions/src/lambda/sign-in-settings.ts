import { httpHandler } from '../http/http-handler';
import { signInSettingsRoute } from '../http/routes/sign-in-settings';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(signInSettingsRoute, lambdaDeps('signInSettings'));
