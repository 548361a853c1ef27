import { workflowTaskHandlers } from '../workflow/workflow-tasks';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';

export const handler = workflowTaskHandlers(lambdaDeps(() => ({ store: dynamoStore() }))).Evaluate;
