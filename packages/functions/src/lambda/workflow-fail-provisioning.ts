import { workflowTaskHandlers } from '../workflow/workflow-tasks';
import { lambdaDeps } from '../runtime/lambda-deps';
import { teardownPorts } from '../runtime/wiring/teardown';

export const handler = workflowTaskHandlers(lambdaDeps(teardownPorts)).FailProvisioning;
