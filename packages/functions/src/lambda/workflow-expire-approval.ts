import { workflowTaskHandlers } from '../workflow/workflow-tasks';
import { lambdaDeps } from '../runtime/lambda-deps';
import { dynamoStore } from '../runtime/wiring/dynamo';
import { slackNotifier } from '../runtime/wiring/slack';

// The config comes first: the IAM clients and the Slack channel depend on it.
const base = lambdaDeps({});
const { config } = base;
const deps = { ...base, store: dynamoStore(), notifier: slackNotifier(config) };
export const handler = workflowTaskHandlers(deps).ExpireApproval;
