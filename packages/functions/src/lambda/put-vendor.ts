import { httpHandler } from '../http/http-handler';
import { putVendorRoute } from '../http/routes/vendors/vendors';
import { lambdaDeps } from '../wiring/lambda-deps';
import { withStrength } from '../wiring/with-strength';

export const handler = httpHandler(putVendorRoute, withStrength(lambdaDeps('putVendor')));
