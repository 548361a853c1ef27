import { httpHandler } from '../http/http-handler';
import { listVendorsRoute } from '../http/routes/vendors';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(listVendorsRoute, lambdaDeps('listVendors'));
