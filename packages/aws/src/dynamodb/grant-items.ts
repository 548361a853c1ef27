import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { AuditEntry, GrantRecord, VendorChange } from '@access-broker/core';
import { GRANT_TABLE } from './grant-table';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = GRANT_TABLE;
const { byExpiry, byStatus, byCreated } = GRANT_TABLE.indexes;

const IDEMPOTENCY_TTL_SECONDS = 30 * 24 * 3600;

/** Every item of one request lives under its partition: the META record and its EVT# audit entries. */
export const requestPartition = (id: string) => `REQ#${id}`;
export const AUDIT_PREFIX = 'EVT#';
/** The partition every request is listed under in byCreated. */
export const ALL_REQUESTS = 'REQUEST';
/** byExpiry partition keys: `ACTIVE#<shard>`. */
export const expiryPartition = (shard: number) => `ACTIVE#${shard}`;

/**
 * The record is stored as brotli-compressed JSON: a grant's META item then stays under 1 KB (one write unit
 * where the plain map took two), and every change writes it twice in a transaction. The conditions the store
 * writes with read the plain `status` and `version` attributes beside it.
 */
const RECORD = 'recordBr';
const BROTLI = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};

function encodeRecord(record: GrantRecord): Uint8Array {
  return brotliCompressSync(JSON.stringify(record), BROTLI);
}

/**
 * The record a META item holds, as the document client reads it (bytes) or as a stream event carries it
 * (base64); items written before compression hold it as a plain map.
 */
export function recordOf(item: Record<string, unknown> | undefined): GrantRecord | undefined {
  const stored = item?.[RECORD];
  if (stored === undefined) return item?.record as GrantRecord | undefined;
  const bytes = typeof stored === 'string' ? Buffer.from(stored, 'base64') : (stored as Uint8Array);
  return JSON.parse(brotliDecompressSync(bytes).toString('utf8')) as GrantRecord;
}

/** The condition of a Put that must create its item, never overwrite one. */
export const NEW_ITEM = `attribute_not_exists(${PK})`;

export const metaKey = (id: string) => ({ [PK]: requestPartition(id), [SK]: 'META' });
export const idempotencyKey = (clientId: string, key: string) => ({
  [PK]: `IDEM#${clientId}#${key}`,
  [SK]: 'IDEM',
});

/** Which byExpiry partition a request lands in: spreads a large set of live grants over `shards` keys. */
function expiryShard(id: string, shards: number): number {
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
    [RECORD]: encodeRecord(record),
    [byStatus.partitionKey]: record.status,
    [byStatus.sortKey]: order,
    [byCreated.partitionKey]: ALL_REQUESTS,
    [byCreated.sortKey]: order,
    ...(record.dueAt
      ? {
          [byExpiry.partitionKey]: expiryPartition(expiryShard(record.id, expiryShards)),
          [byExpiry.sortKey]: `${record.dueAt}#${record.id}`,
        }
      : {}),
  };
}

export function auditItem(entry: AuditEntry): Record<string, unknown> {
  return {
    [PK]: requestPartition(entry.requestId),
    [SK]: `${AUDIT_PREFIX}${entry.at}#${String(entry.seq).padStart(6, '0')}`,
    entry,
  };
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
    [TTL]: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
  };
}

/** A one-time key (a Slack request signature), kept until `expiresAt` (TTL). */
export function onceItem(key: string, expiresAt: Date) {
  return { [PK]: `ONCE#${key}`, [SK]: 'ONCE', [TTL]: Math.ceil(expiresAt.getTime() / 1000) };
}

/**
 * What a stream record's new image holds: a request's record (META), an audit entry (EVT#), a vendor's change
 * (written with the vendor, dynamo-vendor-store.ts), or none of these.
 */
export function streamedItem(
  image: Record<string, unknown>,
): { record: GrantRecord } | { entry: AuditEntry } | { vendorChange: VendorChange } | undefined {
  const sortKey = String(image[SK] ?? '');
  if (image.vendorChange) return { vendorChange: image.vendorChange as VendorChange };
  const record = sortKey === 'META' ? recordOf(image) : undefined;
  if (record) return { record };
  if (sortKey.startsWith(AUDIT_PREFIX) && image.entry) return { entry: image.entry as AuditEntry };
  return undefined;
}
