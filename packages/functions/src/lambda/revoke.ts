import { revokeRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { iamProvisioner } from '../runtime/wiring/iam';
import { expiryScheduler } from '../runtime/wiring/scheduler';
import { stepFunctionsWorkflow } from '../runtime/wiring/step-functions';
import { slackNotifier } from '../runtime/wiring/slack';

// The config comes first: the IAM clients and the Slack channel depend on it.
const base = lambdaDeps({});
const { config } = base;
const deps = {
  ...base,
  store: dynamoStore(),
  provisioner: iamProvisioner(config),
  scheduler: expiryScheduler(),
  workflow: stepFunctionsWorkflow(),
  notifier: slackNotifier(config),
};
export const handler = revokeRoute(deps);
