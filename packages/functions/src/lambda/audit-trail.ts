import { httpHandler } from '../http/http-handler';
import { auditTrailRoute } from '../http/routes/audit-trail';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = httpHandler(auditTrailRoute, lambdaDeps('auditTrail'));
