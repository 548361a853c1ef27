import * as z from 'zod';
import { slackInteractionsRoute } from '../slack/slack-interactions-route';
import { openApiDocument } from './openapi-document';
import type { AnyRoute } from './route-spec';
import { defineRoute } from './route-spec';
import { getActivityRoute } from './routes/activity/get-activity';
import { getEvidenceRoute } from './routes/activity/get-evidence';
import { auditTrailRoute } from './routes/requests/audit-trail';
import { createRequestRoute } from './routes/requests/create-request';
import { decideRoute } from './routes/approval/decide';
import { extendRoute } from './routes/grants/extend';
import { getRequestRoute } from './routes/requests/get-request';
import { healthRoute } from './routes/health';
import { securityTxtRoute } from './routes/security/security-txt';
import { consoleAssetRoute, consolePageRoute } from './routes/console/console-routes';
import { listProfilesRoute } from './routes/requests/list-profiles';
import { listRequestsRoute } from './routes/requests/list-requests';
import { revokeRoute } from './routes/grants/revoke';
import { signInSettingsRoute } from './routes/identity/sign-in-settings';
import { getVendorRoute, listVendorsRoute, putVendorRoute } from './routes/vendors/vendors';
import { resumeVendorRoute, suspendVendorRoute } from './routes/vendors/suspend-vendor';
import { externalAccessRoute } from './routes/inventory/external-access';
import { whoAmIRoute } from './routes/identity/who-am-i';

/** GET /v1/openapi.json — the document describes every route, this one included. */
export const openApiRoute = defineRoute({
  name: 'openApi',
  method: 'GET',
  path: '/v1/openapi.json',
  scope: 'public',
  summary: 'This document (OpenAPI 3.1)',
  request: {},
  responses: {
    200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()).meta({ id: 'OpenApi' }) },
  },
  problems: {},
  async handle() {
    document ??= openApiDocument(HTTP_ROUTES);
    return { status: 200, body: document };
  },
});
let document: Record<string, unknown> | undefined;

/** Every HTTP route: the deployed API, the local server and the OpenAPI document are built from this table. */
export const HTTP_ROUTES: readonly AnyRoute[] = [
  createRequestRoute,
  listRequestsRoute,
  getRequestRoute,
  auditTrailRoute,
  getActivityRoute,
  getEvidenceRoute,
  decideRoute,
  extendRoute,
  revokeRoute,
  whoAmIRoute,
  listVendorsRoute,
  getVendorRoute,
  putVendorRoute,
  suspendVendorRoute,
  resumeVendorRoute,
  externalAccessRoute,
  listProfilesRoute,
  signInSettingsRoute,
  slackInteractionsRoute,
  openApiRoute,
  healthRoute,
  securityTxtRoute,
  consolePageRoute(),
  consoleAssetRoute(),
];

export const routeNamed = (name: string): AnyRoute | undefined =>
  HTTP_ROUTES.find((route) => route.name === name);
