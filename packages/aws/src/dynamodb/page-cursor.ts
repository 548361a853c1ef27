import { ValidationError } from '@access-broker/core';

/**
 * Opaque pagination cursors: the DynamoDB LastEvaluatedKey, bound to the listing it came from, base64url.
 * A cursor from another listing, or anything tampered with, is a 400, never a Query with foreign keys.
 */
export function encodeCursor(listing: string, key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify({ l: listing, k: key })).toString('base64url') : undefined;
}

export function decodeCursor(
  listing: string,
  cursor: string | undefined,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => ValidationError.of('cursor', 'is not a cursor this listing issued');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { l, k } = (parsed ?? {}) as { l?: unknown; k?: unknown };
  if (l !== listing || typeof k !== 'object' || k === null) throw invalid();
  const entries = Object.entries(k);
  if (
    entries.length === 0 ||
    entries.length > 6 ||
    entries.some(([, value]) => typeof value !== 'string' || value.length > 1024)
  ) {
    throw invalid();
  }
  return k as Record<string, string>;
}
