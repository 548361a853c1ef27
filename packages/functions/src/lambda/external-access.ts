import { httpHandler } from '../http/http-handler';
import { externalAccessRoute } from '../http/routes/inventory/external-access';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(externalAccessRoute, lambdaDeps('externalAccess'));
