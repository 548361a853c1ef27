import files from '@access-broker/console/page';
import { httpHandler } from '../http/http-handler';
import { consolePageRoute } from '../http/routes/console/console-routes';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(consolePageRoute(files), lambdaDeps('consolePage'));
