import type { OidcConfig } from '@access-broker/core';
import { createRemoteJWKSet, jwtVerify } from 'jose';

/**
 * What API Gateway's JWT authorizer checks before a guarded route's function runs: a bearer token signed by
 * one of the issuer's keys, from that issuer, for the audience (`aud`, or `client_id` as API Gateway also
 * accepts), not expired. Nothing about people or groups: the handler decides those.
 */
export function gatewayJwtAuthorizer(oidc: Pick<OidcConfig, 'issuer' | 'audience'>) {
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  return async (authorization: string | undefined): Promise<boolean> => {
    const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1] ?? authorization;
    if (!token) return false;
    try {
      keys ??= createRemoteJWKSet(new URL(await jwksUri(oidc.issuer)));
      const { payload } = await jwtVerify(token, keys, { issuer: oidc.issuer, requiredClaims: ['exp'] });
      return [payload.aud].flat().includes(oidc.audience) || payload.client_id === oidc.audience;
    } catch {
      return false;
    }
  };
}

async function jwksUri(issuer: string): Promise<string> {
  const document = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    jwks_uri: string;
  };
  return document.jwks_uri;
}
