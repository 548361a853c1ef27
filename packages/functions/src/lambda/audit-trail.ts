import { auditTrailRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';

export const handler = auditTrailRoute(lambdaDeps(() => ({ store: dynamoStore() })));
