import { httpHandler } from '../http/http-handler';
import { getVendorRoute } from '../http/routes/vendors';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(getVendorRoute, lambdaDeps('getVendor'));
