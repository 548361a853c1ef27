import { listRequestsRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';

export const handler = listRequestsRoute(lambdaDeps(() => ({ store: dynamoStore() })));
