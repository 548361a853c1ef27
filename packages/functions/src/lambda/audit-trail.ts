import { auditTrailRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';

const deps = lambdaDeps({ store: dynamoStore() });
export const handler = auditTrailRoute(deps);
