import { slackInteractionsRoute } from '../slack/slack-interactions-route';
import { lambdaDeps } from '../runtime/lambda-deps';

export const handler = slackInteractionsRoute(lambdaDeps('slackInteractions'));
