import { httpHandler } from '../http/http-handler';
import { auditTrailRoute } from '../http/routes/requests/audit-trail';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(auditTrailRoute, lambdaDeps('auditTrail'));
