import { workflowTaskHandlers } from '../workflow/workflow-tasks';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';

const deps = lambdaDeps({ store: dynamoStore() });
export const handler = workflowTaskHandlers(deps).Evaluate;
