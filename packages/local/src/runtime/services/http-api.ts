import { declarationOf, type FunctionName, HTTP_ROUTES } from '@access-broker/functions';
import { gatewayJwtAuthorizer } from '../../identity/gateway-jwt-authorizer';
import { startLocalApi } from '../local-api-server';
import type { LocalStage } from './local-stage';

/**
 * API Gateway: every route of the contract served by the function the catalog declares for it, with the JWT
 * authorizer on the routes the stack guards; writes are refused (503) while the local disk is full.
 */
export async function startHttpApi(stage: LocalStage, storage: () => Error | undefined) {
  const { deployment, config } = stage;
  const routeFunctions = new Map<string, FunctionName>(
    deployment.functions.flatMap(({ name }) => {
      const trigger = declarationOf(name).trigger;
      return trigger.kind === 'http' ? [[trigger.route, name] as const] : [];
    }),
  );
  for (const route of HTTP_ROUTES)
    if (!routeFunctions.has(route.name)) throw new Error(`no function serves ${route.name}`);
  const jwtRoutes = new Set(deployment.jwtRoutes);
  const api = await startLocalApi(
    (route, event) => stage.invoke(routeFunctions.get(route)!, event),
    stage.options.port ?? 8787,
    config.oidc
      ? { guards: (route) => jwtRoutes.has(route), allows: gatewayJwtAuthorizer(config.oidc) }
      : undefined,
    storage,
  );
  const stop = () => {
    api.server.closeAllConnections();
    return new Promise((resolve) => api.server.close(resolve));
  };
  stage.started.push(stop);
  return { url: api.url, stop };
}
