import { createHash, timingSafeEqual } from 'node:crypto';
import {
  AuthenticationError,
  type BrokerConfig,
  type Caller,
  NotAllowedError,
  type Scope,
} from '@access-broker/core';

/** What a route demands: a scope, or only that the caller is somebody (`authenticated`). */
export type Requirement = Scope | 'authenticated';

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * Resolves `Authorization: Bearer <token>` to a Caller: a JWT from the configured identity provider (people,
 * client-credentials machines), or a static token matched against the config's SHA-256 hashes.
 */
export async function authenticate(
  config: Pick<BrokerConfig, 'apiClients' | 'oidc'>,
  authorization: string | undefined,
  requirement: Requirement,
): Promise<Caller> {
  const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new AuthenticationError('send Authorization: Bearer <token>');
  const caller =
    config.oidc && JWT_SHAPE.test(token)
      ? // Loaded only when a JWT arrives: machines with static tokens never pay for jose at cold start.
        await (await import('./oidc-token')).verifyOidcToken(config.oidc, token)
      : staticTokenCaller(config.apiClients, token);
  if (requirement !== 'authenticated' && !caller.scopes.includes(requirement))
    throw new NotAllowedError(`${caller.actor} lacks the ${requirement} scope`);
  return caller;
}

/**
 * Every configured hash is compared in constant time, without stopping at a match, so timing says nothing
 * about which one matched. Any token that is not a configured one is "unknown", however it is shaped.
 */
function staticTokenCaller(apiClients: BrokerConfig['apiClients'], token: string): Caller {
  const presented = createHash('sha256').update(token).digest();
  let caller: Caller | undefined;
  for (const client of apiClients)
    for (const hash of client.tokenSha256)
      if (timingSafeEqual(presented, Buffer.from(hash, 'hex')))
        caller = { actor: client.id, scopes: client.scopes };
  if (!caller) throw new AuthenticationError('unknown token');
  return caller;
}
