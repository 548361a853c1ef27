import { slackInteractionsRoute } from '../slack/slack-interactions-route';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { stepFunctionsWorkflow } from '../runtime/wiring/step-functions';
import { slackNotifier, slackSigningSecret } from '../runtime/wiring/slack';

export const handler = slackInteractionsRoute(
  lambdaDeps(
    (config) => ({
      store: dynamoStore(),
      workflow: stepFunctionsWorkflow(),
      notifier: slackNotifier(config),
    }),
    slackSigningSecret(),
  ),
);
