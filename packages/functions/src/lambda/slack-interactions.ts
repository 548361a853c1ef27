import { httpHandler } from '../http/http-handler';
import { slackInteractionsRoute } from '../slack/slack-interactions-route';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(slackInteractionsRoute, lambdaDeps('slackInteractions'));
