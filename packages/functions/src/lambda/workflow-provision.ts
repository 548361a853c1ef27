import { workflowTaskHandlers } from '../workflow/workflow-tasks';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { iamProvisioner } from '../runtime/wiring/iam';
import { expiryScheduler } from '../runtime/wiring/scheduler';
import { slackNotifier } from '../runtime/wiring/slack';

// The config comes first: the IAM clients and the Slack channel depend on it.
const base = lambdaDeps({});
const { config } = base;
const deps = {
  ...base,
  store: dynamoStore(),
  provisioner: iamProvisioner(config),
  scheduler: expiryScheduler(),
  notifier: slackNotifier(config),
};
export const handler = workflowTaskHandlers(deps).Provision;
