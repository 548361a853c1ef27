import { revokeRoute } from '../http/routes/request-routes';
import { lambdaDeps } from '../runtime/lambda-deps';
import { teardownPorts } from '../runtime/wiring/teardown';
import { slackNotifier } from '../runtime/wiring/slack';

export const handler = revokeRoute(
  lambdaDeps((config) => ({ ...teardownPorts(config), notifier: slackNotifier(config) })),
);
