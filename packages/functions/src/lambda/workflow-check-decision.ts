import { workflowTaskHandlers } from '../workflow/workflow-tasks';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = workflowTaskHandlers(lambdaDeps('workflowCheckDecision')).CheckDecision;
