import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type AuditEntry,
  type GrantRecord,
  type GrantStatus,
  type GrantStore,
  GrantConflictError,
  IdempotencyConflictError,
  type IdempotencyClaim,
  type Page,
} from '@access-broker/core';
import { documentClient } from './document-client';
import { GRANT_TABLE, type GrantIndexName } from './grant-table';
import {
  ALL_REQUESTS,
  AUDIT_PREFIX,
  auditItem,
  expiryPartition,
  grantItem,
  idempotencyItem,
  idempotencyKey,
  metaKey,
  NEW_ITEM,
  onceItem,
  recordOf,
  requestPartition,
} from './grant-items';
import { decodeCursor, encodeCursor } from './page-cursor';
import { queryAll } from './query-all';

const BATCH_GET_LIMIT = 100;

export interface DynamoGrantStoreOptions {
  tableName: string;
  /** byExpiry partitions; raise when live grants outgrow one partition's throughput. */
  expiryShards?: number;
}

/** GrantStore on one DynamoDB table: every change is one TransactWriteItems of record + audit entry. */
export class DynamoGrantStore implements GrantStore {
  private readonly documents: ReturnType<typeof documentClient>;
  private readonly tableName: string;
  private readonly expiryShards: number;

  constructor(client: DynamoDBClient, options: DynamoGrantStoreOptions) {
    this.documents = documentClient(client);
    this.tableName = options.tableName;
    this.expiryShards = options.expiryShards ?? 1;
  }

  async claimOnce(key: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: onceItem(key, expiresAt),
          ConditionExpression: NEW_ITEM,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async create(record: GrantRecord, audit: AuditEntry, claim?: IdempotencyClaim) {
    const TableName = this.tableName;
    const notExists = NEW_ITEM;
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: { TableName, Item: grantItem(record, this.expiryShards), ConditionExpression: notExists },
            },
            { Put: { TableName, Item: auditItem(audit), ConditionExpression: notExists } },
            ...(claim
              ? [
                  {
                    Put: {
                      TableName,
                      Item: idempotencyItem(claim, record.id, new Date(audit.at)),
                      ConditionExpression: notExists,
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return { record, replayed: false };
    } catch (error) {
      if (
        !(error instanceof TransactionCanceledException) ||
        !claim ||
        error.CancellationReasons?.[2]?.Code !== 'ConditionalCheckFailed'
      ) {
        throw this.conflictOr(error, record.id);
      }
      return this.replay(claim);
    }
  }

  async get(id: string) {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: metaKey(id), ConsistentRead: true }),
    );
    return recordOf(Item);
  }

  /**
   * BatchGetItem, 100 keys per call (its limit), strongly consistent. Keys DynamoDB leaves unprocessed (it
   * may, under load) are asked for again with backoff, so a record is never reported missing by mistake.
   */
  async getMany(ids: readonly string[]) {
    const found = new Map<string, GrantRecord>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = unique.slice(start, start + BATCH_GET_LIMIT).map(metaKey);
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
        if (attempt > 10) throw new Error(`BatchGetItem left ${keys.length} keys unprocessed`);
        const { Responses, UnprocessedKeys } = await this.documents.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } },
          }),
        );
        for (const item of Responses?.[this.tableName] ?? []) {
          const record = recordOf(item)!;
          found.set(record.id, record);
        }
        keys = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async update(next: GrantRecord, expected: { status: GrantStatus; version: number }, audit: AuditEntry) {
    const TableName = this.tableName;
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: grantItem(next, this.expiryShards),
                ConditionExpression: '#status = :status AND #version = :version',
                ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                ExpressionAttributeValues: { ':status': expected.status, ':version': expected.version },
              },
            },
            { Put: { TableName, Item: auditItem(audit), ConditionExpression: NEW_ITEM } },
          ],
        }),
      );
      return next;
    } catch (error) {
      throw this.conflictOr(error, next.id);
    }
  }

  async list({
    status,
    cursor,
    limit,
  }: {
    status?: GrantStatus;
    cursor?: string;
    limit: number;
  }): Promise<Page<GrantRecord>> {
    const listing = status ? `status:${status}` : 'all';
    const indexName: GrantIndexName = status ? 'byStatus' : 'byCreated';
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GRANT_TABLE.indexes[indexName].partitionKey },
        ExpressionAttributeValues: { ':pk': status ?? ALL_REQUESTS },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(listing, cursor),
      }),
    );
    const next = encodeCursor(listing, LastEvaluatedKey);
    const ids = Items.map((item) =>
      String(item[GRANT_TABLE.partitionKey]).slice(requestPartition('').length),
    );
    const records = await this.getMany(ids);
    return {
      items: ids.flatMap((id) => records.get(id) ?? []),
      ...(next ? { cursor: next } : {}),
    };
  }

  async listDue(now: Date, limit: number) {
    // The sort key is `<dueAt ISO>#<id>`: everything up to `<now>#~` is due. One Query per shard, merged by time.
    const upTo = `${now.toISOString()}#~`;
    const { byExpiry } = GRANT_TABLE.indexes;
    const shards = await Promise.all(
      Array.from({ length: this.expiryShards }, (_, shard) =>
        this.documents.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'byExpiry' satisfies GrantIndexName,
            KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
            ExpressionAttributeNames: { '#pk': byExpiry.partitionKey, '#sk': byExpiry.sortKey },
            ExpressionAttributeValues: { ':pk': expiryPartition(shard), ':upTo': upTo },
            Limit: limit,
          }),
        ),
      ),
    );
    return shards
      .flatMap(({ Items = [] }) => Items)
      .sort((a, b) => (String(a[byExpiry.sortKey]) < String(b[byExpiry.sortKey]) ? -1 : 1))
      .slice(0, limit)
      .map((item) => String(item[GRANT_TABLE.partitionKey]).slice(requestPartition('').length));
  }

  async auditTrail(id: string) {
    const items = await queryAll(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :evt)',
      ExpressionAttributeNames: { '#pk': GRANT_TABLE.partitionKey, '#sk': GRANT_TABLE.sortKey },
      ExpressionAttributeValues: { ':pk': requestPartition(id), ':evt': AUDIT_PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => item.entry as AuditEntry).sort((a, b) => a.seq - b.seq);
  }

  private async replay(claim: IdempotencyClaim) {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: idempotencyKey(claim.clientId, claim.key),
        ConsistentRead: true,
      }),
    );
    if (!Item || Item.bodyHash !== claim.bodyHash) throw new IdempotencyConflictError(claim.key);
    const record = await this.get(String(Item.requestId));
    if (!record) throw new IdempotencyConflictError(claim.key);
    return { record, replayed: true };
  }

  private conflictOr(error: unknown, id: string): unknown {
    const conflicted =
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed');
    return conflicted ? new GrantConflictError(id, { cause: error }) : error;
  }
}
