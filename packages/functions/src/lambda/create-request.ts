import { httpHandler } from '../http/http-handler';
import { createRequestRoute } from '../http/routes/create-request';
import { lambdaDeps } from '../runtime/lambda-deps';
import { withStrength } from '../runtime/with-strength';

export const handler = httpHandler(createRequestRoute, withStrength(lambdaDeps('createRequest')));
