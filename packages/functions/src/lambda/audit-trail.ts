import { auditTrailRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = auditTrailRoute(lambdaDeps('auditTrail'));
