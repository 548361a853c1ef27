import { createRequestRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { stepFunctionsWorkflow } from '../runtime/wiring/step-functions';

export const handler = createRequestRoute(
  lambdaDeps(() => ({ store: dynamoStore(), workflow: stepFunctionsWorkflow() })),
);
