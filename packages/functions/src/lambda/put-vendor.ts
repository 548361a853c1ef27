import { httpHandler } from '../http/http-handler';
import { putVendorRoute } from '../http/routes/vendors';
import { lambdaDeps } from '../runtime/lambda-deps';
import { withStrength } from '../runtime/with-strength';

export const handler = httpHandler(putVendorRoute, withStrength(lambdaDeps('putVendor')));
