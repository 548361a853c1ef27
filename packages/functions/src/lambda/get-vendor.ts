import { httpHandler } from '../http/http-handler';
import { getVendorRoute } from '../http/routes/vendors/vendors';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(getVendorRoute, lambdaDeps('getVendor'));
