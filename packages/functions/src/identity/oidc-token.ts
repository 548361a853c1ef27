import {
  AuthenticationError,
  type Caller,
  NotAllowedError,
  type OidcConfig,
  oidcMachineActor,
  oidcPersonActor,
  type Scope,
} from '@access-broker/core';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';

// Asymmetric algorithms only: an HMAC or `none` token would let anyone who knows the audience mint one.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
const PRINTABLE = /^[^\s\p{Cc}]{1,256}$/u;

type KeySet = ReturnType<typeof createRemoteJWKSet>;
// One key set per container: jose caches the keys and refetches them when a token names an unknown kid.
const keySets = new Map<string, Promise<KeySet>>();

/**
 * Verifies a token from the configured identity provider (signature, issuer, audience, expiry) and maps its
 * claims to a Caller: a machine when it is a client-credentials token of a listed client, else a person whose
 * scopes come from their groups. API Gateway's JWT authorizer checks the same in AWS; this runs everywhere.
 */
export async function verifyOidcToken(oidc: OidcConfig, token: string): Promise<Caller> {
  const payload = await verified(oidc, token);
  const clientId = stringClaim(payload.client_id) ?? stringClaim(payload.azp);
  const machine = clientId !== undefined ? ownValue(oidc.machineClients, clientId) : undefined;
  if (machine && (payload.sub === undefined || payload.sub === clientId))
    return { actor: oidcMachineActor(clientId!), scopes: machine.scopes };

  // An email is someone's only when the provider says it verified it: Entra ID and others omit the claim.
  const email = payload.email_verified === true ? stringClaim(payload.email) : undefined;
  if (oidc.personClaim === 'email' && !email)
    throw new AuthenticationError('the token carries no verified email (email_verified must be true)');
  const person = stringClaim(payload[oidc.personClaim]);
  if (!person || !PRINTABLE.test(person))
    throw new AuthenticationError(`the token's ${oidc.personClaim} claim does not name a person`);
  const idpGroups = groupsOf(payload[oidc.groupsClaim]);
  const scopes = new Set<Scope>(idpGroups.flatMap((group) => ownValue(oidc.groupScopes, group) ?? []));
  const actor = oidcPersonActor(person);
  if (scopes.size === 0)
    throw new NotAllowedError(`${actor} is in none of the identity-provider groups the broker knows`);
  return { actor, scopes: [...scopes], idpGroups, ...(email && PRINTABLE.test(email) ? { email } : {}) };
}

/** A claim names a key of the config only as its own key: `constructor` or `__proto__` name nothing. */
const ownValue = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

async function verified(oidc: OidcConfig, token: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, await keySet(oidc.issuer), {
      issuer: oidc.issuer,
      audience: oidc.audience,
      algorithms: ALGORITHMS,
      requiredClaims: ['exp'],
      clockTolerance: 5,
    });
    return payload;
  } catch (error) {
    throw new AuthenticationError(reasonFor(error));
  }
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'the token is from another issuer';
    if (error.claim === 'aud') return 'the token is for another audience';
    return `the token's ${error.claim} claim is not valid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with an allowed algorithm';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed)
    return "the token's signature does not verify";
  return 'the token is not a valid JWT';
}

/** The issuer's keys, found through its discovery document (whose issuer must be the configured one). */
function keySet(issuer: string): Promise<KeySet> {
  let keys = keySets.get(issuer);
  if (!keys) {
    keys = discover(issuer);
    // A provider that was down must not stay "down" for the container's life.
    keys.catch(() => keySets.delete(issuer));
    keySets.set(issuer, keys);
  }
  return keys;
}

async function discover(issuer: string): Promise<KeySet> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`identity provider discovery answered ${response.status}`);
  const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
  if (document.issuer !== issuer || !document.jwks_uri)
    throw new Error(`identity provider discovery names issuer ${document.issuer}, not ${issuer}`);
  return createRemoteJWKSet(new URL(document.jwks_uri));
}

const stringClaim = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

function groupsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((group): group is string => typeof group === 'string') : [];
}
