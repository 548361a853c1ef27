import { httpHandler } from '../http/http-handler';
import { listVendorsRoute } from '../http/routes/vendors/vendors';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(listVendorsRoute, lambdaDeps('listVendors'));
