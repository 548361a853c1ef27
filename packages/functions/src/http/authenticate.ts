import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError, type BrokerConfig, NotAllowedError, type Scope } from '@access-broker/core';

export interface ApiIdentity {
  clientId: string;
  scopes: readonly Scope[];
}

/**
 * Resolves `Authorization: Bearer <token>` against the config's SHA-256 hashes. Every configured hash is
 * compared in constant time, without stopping at a match, so timing says nothing about which one matched.
 */
export function authenticate(
  apiClients: BrokerConfig['apiClients'],
  authorization: string | undefined,
  scope: Scope,
): ApiIdentity {
  const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new AuthenticationError('send Authorization: Bearer <token>');
  // Any token that is not a configured one is "unknown", however it is shaped: no hint of what a valid one is.
  const presented = createHash('sha256').update(token).digest();
  let identity: ApiIdentity | undefined;
  for (const client of apiClients) {
    if (timingSafeEqual(presented, Buffer.from(client.tokenSha256, 'hex')))
      identity = { clientId: client.id, scopes: client.scopes };
  }
  if (!identity) throw new AuthenticationError('unknown token');
  if (!identity.scopes.includes(scope)) throw new NotAllowedError(`this token lacks the ${scope} scope`);
  return identity;
}
