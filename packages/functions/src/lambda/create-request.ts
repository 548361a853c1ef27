import { httpHandler } from '../http/http-handler';
import { createRequestRoute } from '../http/routes/requests/create-request';
import { lambdaDeps } from '../wiring/lambda-deps';
import { withStrength } from '../wiring/with-strength';

export const handler = httpHandler(createRequestRoute, withStrength(lambdaDeps('createRequest')));
