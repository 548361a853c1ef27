import { decisionRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { stepFunctionsWorkflow } from '../runtime/wiring/step-functions';
import { slackNotifier } from '../runtime/wiring/slack';

export const handler = decisionRoute(
  lambdaDeps((config) => ({
    store: dynamoStore(),
    workflow: stepFunctionsWorkflow(),
    notifier: slackNotifier(config),
  })),
);
