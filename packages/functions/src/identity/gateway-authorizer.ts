import type { BrokerConfig } from '@access-broker/core';
import type { AnyRoute } from '../http/route-spec';

/**
 * Where API Gateway verifies identity-provider tokens before the function runs. An HTTP API route has one
 * authorizer, so the gateway's JWT authorizer guards the routes no static token may call (with no static
 * clients: every route with a token); the others take static tokens too and are verified by the handler,
 * which verifies every JWT again (defence in depth, the same code as locally).
 */
export function gatewayVerifiesJwt(
  route: Pick<AnyRoute, 'scope'>,
  config: Pick<BrokerConfig, 'oidc' | 'apiClients'>,
): boolean {
  if (!config.oidc || route.scope === 'public') return false;
  if (route.scope === 'authenticated') return config.apiClients.length === 0;
  const scope = route.scope;
  return !config.apiClients.some((client) => client.scopes.includes(scope));
}
