import { httpHandler } from '../http/http-handler';
import { securityTxtRoute } from '../http/routes/security/security-txt';
import { lambdaDeps } from '../wiring/lambda-deps';

export const handler = httpHandler(securityTxtRoute, lambdaDeps('securityTxt'));
