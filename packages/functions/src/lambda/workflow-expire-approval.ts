import { workflowTaskHandlers } from '../workflow/workflow-tasks';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = workflowTaskHandlers(lambdaDeps('workflowExpireApproval')).ExpireApproval;
