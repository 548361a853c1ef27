import { CompactEncrypt, importJWK } from 'jose';
import type { PublicJwk } from '../vendors/vendor';

/**
 * Seals an access key's secret to the vendor's public key: a compact JWE (ECDH-ES key agreement, A256GCM), so
 * the broker can hand it over, and keep it for the hand-off, without ever holding it readable.
 */
export async function sealSecret(secret: string, publicKey: PublicJwk): Promise<string> {
  const key = await importJWK({ ...publicKey }, 'ECDH-ES');
  return new CompactEncrypt(new TextEncoder().encode(secret))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', cty: 'aws-secret-access-key' })
    .encrypt(key);
}
