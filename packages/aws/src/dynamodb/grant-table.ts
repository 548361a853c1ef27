import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single-table layout (DESIGN.md "Storage"), shared by the adapter, the local runtime and the stack.
 * - `REQ#<id>` / `META`: the request/grant record.
 * - `REQ#<id>` / `EVT#<iso>#<seq>`: its append-only audit trail.
 * - `IDEM#<client>#<key>` / `IDEM`: idempotency claims (expire through TTL).
 */
/** What an index copies from each item: its keys, or the whole item. */
export type Projection = 'KEYS_ONLY' | 'ALL';

export const GRANT_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  /** The outbox function reads committed audit entries from the stream. */
  stream: 'NEW_IMAGE',
  indexes: {
    /** Sparse: only records with a `dueAt` (a role may exist). The sweeper Queries it; nothing Scans. */
    byExpiry: { partitionKey: 'expiryPk', sortKey: 'expirySk', projection: 'KEYS_ONLY' as Projection },
    // Listings read keys from these and the records from the table (BatchGetItem): an index that projected
    // the whole record rewrote it on every change, which was half of a grant's write units.
    byStatus: { partitionKey: 'statusPk', sortKey: 'statusSk', projection: 'KEYS_ONLY' as Projection },
    /** Every request, newest first, for listings without a status filter. */
    byCreated: { partitionKey: 'listPk', sortKey: 'listSk', projection: 'KEYS_ONLY' as Projection },
  },
} as const;

export type GrantIndexName = keyof typeof GRANT_TABLE.indexes;

/** Every key attribute of the table and its indexes (all strings). */
export function grantTableKeyAttributes(): string[] {
  const attributes = new Set<string>([GRANT_TABLE.partitionKey, GRANT_TABLE.sortKey]);
  for (const index of Object.values(GRANT_TABLE.indexes))
    attributes.add(index.partitionKey).add(index.sortKey);
  return [...attributes];
}

/** The table as CreateTable takes it: what the local runtime creates (the stack builds the same from GRANT_TABLE). */
export function createGrantTableInput(tableName: string): CreateTableCommandInput {
  const indexes = Object.entries(GRANT_TABLE.indexes);
  const attributes = grantTableKeyAttributes();
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: GRANT_TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: GRANT_TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: GRANT_TABLE.stream },
  };
}
