import files from '@access-broker/console/assets';
import { httpHandler } from '../http/http-handler';
import { consoleAssetRoute } from '../http/routes/console/console-routes';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(consoleAssetRoute(files), lambdaDeps('consoleAsset'));
