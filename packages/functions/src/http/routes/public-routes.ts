import type { HandlerDeps } from '../../runtime/handler-deps';
import { httpRoute } from '../http-route';
import { openApiDocument } from '../openapi-document';

export const openApiRoute = (deps: HandlerDeps) => {
  const document = openApiDocument();
  return httpRoute(deps, 'public', async () => ({ status: 200, body: document }));
};

export const healthRoute = (deps: HandlerDeps) =>
  httpRoute(deps, 'public', async () => ({ status: 200, body: { status: 'ok' } }));
