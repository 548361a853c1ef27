import { workflowTaskHandlers } from '../workflow/workflow-tasks';
import { lambdaDeps } from '../runtime/lambda-deps';
import { teardownPorts } from '../runtime/wiring/teardown';
import { slackNotifier } from '../runtime/wiring/slack';

export const handler = workflowTaskHandlers(
  lambdaDeps((config) => ({ ...teardownPorts(config), notifier: slackNotifier(config) })),
).Provision;
