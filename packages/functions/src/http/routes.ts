import type { Scope } from '@access-broker/core';
import type { HandlerDeps } from '../runtime/handler-deps';
import { slackInteractionsRoute } from '../slack/slack-interactions-route';
import type { HttpHandler } from './http-route';
import { healthRoute, openApiRoute } from './routes/public-routes';
import {
  auditTrailRoute,
  createRequestRoute,
  decisionRoute,
  extendRoute,
  getRequestRoute,
  listRequestsRoute,
  revokeRoute,
} from './routes/request-routes';

export interface HttpRouteDefinition {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  scope: Scope | 'public';
  create: (deps: HandlerDeps) => HttpHandler;
}

/** Every HTTP route: the local server and the deployed API are both built from this one table. */
export const HTTP_ROUTES: readonly HttpRouteDefinition[] = [
  {
    name: 'createRequest',
    method: 'POST',
    path: '/v1/requests',
    scope: 'requests:create',
    create: createRequestRoute,
  },
  {
    name: 'listRequests',
    method: 'GET',
    path: '/v1/requests',
    scope: 'requests:read',
    create: listRequestsRoute,
  },
  {
    name: 'getRequest',
    method: 'GET',
    path: '/v1/requests/{id}',
    scope: 'requests:read',
    create: getRequestRoute,
  },
  {
    name: 'auditTrail',
    method: 'GET',
    path: '/v1/requests/{id}/audit',
    scope: 'requests:read',
    create: auditTrailRoute,
  },
  {
    name: 'decide',
    method: 'POST',
    path: '/v1/requests/{id}/decision',
    scope: 'requests:approve',
    create: decisionRoute,
  },
  {
    name: 'extend',
    method: 'POST',
    path: '/v1/requests/{id}/extend',
    scope: 'requests:create',
    create: extendRoute,
  },
  {
    name: 'revoke',
    method: 'POST',
    path: '/v1/requests/{id}/revoke',
    scope: 'requests:revoke',
    create: revokeRoute,
  },
  {
    name: 'slackInteractions',
    method: 'POST',
    path: '/slack/interactions',
    scope: 'public',
    create: slackInteractionsRoute,
  },
  { name: 'openApi', method: 'GET', path: '/v1/openapi.json', scope: 'public', create: openApiRoute },
  { name: 'health', method: 'GET', path: '/healthz', scope: 'public', create: healthRoute },
];
