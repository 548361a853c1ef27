import { slackInteractionsRoute } from '../slack/slack-interactions-route';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { stepFunctionsWorkflow } from '../runtime/wiring/step-functions';
import { slackNotifier, slackSigningSecret } from '../runtime/wiring/slack';

// The config comes first: the IAM clients and the Slack channel depend on it.
const base = lambdaDeps({}, slackSigningSecret());
const { config } = base;
const deps = {
  ...base,
  store: dynamoStore(),
  workflow: stepFunctionsWorkflow(),
  notifier: slackNotifier(config),
};
export const handler = slackInteractionsRoute(deps);
