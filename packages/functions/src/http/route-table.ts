import * as z from 'zod';
import { slackInteractionsRoute } from '../slack/slack-interactions-route';
import { openApiDocument } from './openapi-document';
import type { AnyRoute } from './route-spec';
import { defineRoute } from './route-spec';
import { activityRoute, evidenceRoute } from './routes/activity';
import { auditTrailRoute } from './routes/audit-trail';
import { createRequestRoute } from './routes/create-request';
import { decideRoute } from './routes/decide';
import { extendRoute } from './routes/extend';
import { getRequestRoute } from './routes/get-request';
import { healthRoute } from './routes/health';
import { listProfilesRoute } from './routes/list-profiles';
import { listRequestsRoute } from './routes/list-requests';
import { revokeRoute } from './routes/revoke';
import { signInSettingsRoute } from './routes/sign-in-settings';
import { getVendorRoute, listVendorsRoute, putVendorRoute } from './routes/vendors';
import { whoAmIRoute } from './routes/who-am-i';

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
  activityRoute,
  evidenceRoute,
  decideRoute,
  extendRoute,
  revokeRoute,
  whoAmIRoute,
  listVendorsRoute,
  getVendorRoute,
  putVendorRoute,
  listProfilesRoute,
  signInSettingsRoute,
  slackInteractionsRoute,
  openApiRoute,
  healthRoute,
];

export const routeNamed = (name: string): AnyRoute | undefined =>
  HTTP_ROUTES.find((route) => route.name === name);
