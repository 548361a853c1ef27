import { workflowTaskHandlers } from '../workflow/workflow-tasks';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { stepFunctionsWorkflow } from '../runtime/wiring/step-functions';
import { slackNotifier } from '../runtime/wiring/slack';

export const handler = workflowTaskHandlers(
  lambdaDeps((config) => ({
    store: dynamoStore(),
    workflow: stepFunctionsWorkflow(),
    notifier: slackNotifier(config),
  })),
).AwaitDecision;
