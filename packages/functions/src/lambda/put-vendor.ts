import { httpHandler } from '../http/http-handler';
import { putVendorRoute } from '../http/routes/vendors';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(putVendorRoute, lambdaDeps('putVendor'));
