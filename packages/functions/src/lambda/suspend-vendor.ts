import { httpHandler } from '../http/http-handler';
import { suspendVendorRoute } from '../http/routes/vendors/suspend-vendor';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(suspendVendorRoute, lambdaDeps('suspendVendor'));
