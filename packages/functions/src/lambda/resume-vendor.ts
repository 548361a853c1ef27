import { httpHandler } from '../http/http-handler';
import { resumeVendorRoute } from '../http/routes/vendors/suspend-vendor';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(resumeVendorRoute, lambdaDeps('resumeVendor'));
