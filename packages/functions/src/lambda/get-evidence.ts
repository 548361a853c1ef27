import { httpHandler } from '../http/http-handler';
import { getEvidenceRoute } from '../http/routes/activity/get-evidence';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(getEvidenceRoute, lambdaDeps('getEvidence'));
