import type { AuditEntry, GrantRecord } from '@access-broker/core';

const IDEMPOTENCY_TTL_SECONDS = 30 * 24 * 3600;

export const metaKey = (id: string) => ({ pk: `REQ#${id}`, sk: 'META' });
export const idempotencyKey = (clientId: string, key: string) => ({
  pk: `IDEM#${clientId}#${key}`,
  sk: 'IDEM',
});

/** Which byExpiry partition a request lands in: spreads a large set of live grants over `shards` keys. */
export function expiryShard(id: string, shards: number): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % shards;
}

/** The META item: the record plus the index keys derived from it (sparse byExpiry only while due-able). */
export function grantItem(record: GrantRecord, expiryShards: number): Record<string, unknown> {
  const order = `${record.createdAt}#${record.id}`;
  return {
    ...metaKey(record.id),
    status: record.status,
    version: record.version,
    record,
    statusPk: record.status,
    statusSk: order,
    listPk: 'REQUEST',
    listSk: order,
    ...(record.dueAt
      ? {
          expiryPk: `ACTIVE#${expiryShard(record.id, expiryShards)}`,
          expirySk: `${record.dueAt}#${record.id}`,
        }
      : {}),
  };
}

export function auditItem(entry: AuditEntry): Record<string, unknown> {
  return { pk: `REQ#${entry.requestId}`, sk: `EVT#${entry.at}#${String(entry.seq).padStart(6, '0')}`, entry };
}

export function idempotencyItem(
  claim: { clientId: string; key: string; bodyHash: string },
  requestId: string,
  now: Date,
) {
  return {
    ...idempotencyKey(claim.clientId, claim.key),
    requestId,
    bodyHash: claim.bodyHash,
    ttl: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
  };
}
