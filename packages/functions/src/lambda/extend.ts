import { extendRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { stepFunctionsWorkflow } from '../runtime/wiring/step-functions';

const deps = lambdaDeps({ store: dynamoStore(), workflow: stepFunctionsWorkflow() });
export const handler = extendRoute(deps);
