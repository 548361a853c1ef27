import type { BrokerConfig } from '@access-broker/core';
import type { AnyRoute } from '@access-broker/functions';
import type { ApiAuthorizer } from 'sst/constructs';

export const JWT_AUTHORIZER = 'identityProvider';

/**
 * Where API Gateway verifies identity-provider tokens before the function runs. An HTTP API route has one
 * authorizer, so the gateway's JWT authorizer guards the routes no static token may call (with no static
 * clients: every route with a token); the others take static tokens too and are verified by the handler,
 * which verifies every JWT again (defence in depth, the same code as locally).
 */
export function gatewayVerifiesJwt(route: AnyRoute, config: Pick<BrokerConfig, 'oidc' | 'apiClients'>) {
  if (!config.oidc || route.scope === 'public') return false;
  if (route.scope === 'authenticated') return config.apiClients.length === 0;
  const scope = route.scope;
  return !config.apiClients.some((client) => client.scopes.includes(scope));
}

/** The SST authorizer for the configured issuer, if people sign in. */
export function jwtAuthorizers(config: Pick<BrokerConfig, 'oidc'>): Record<string, ApiAuthorizer> {
  const oidc = config.oidc;
  if (!oidc) return {};
  // API Gateway fetches the issuer's discovery document itself: loopback issuers are for the local broker.
  if (!oidc.issuer.startsWith('https://'))
    throw new Error(`oidc.issuer must be https to deploy (got ${oidc.issuer})`);
  return {
    [JWT_AUTHORIZER]: { type: 'jwt', jwt: { issuer: oidc.issuer, audience: [oidc.audience] } },
  };
}
