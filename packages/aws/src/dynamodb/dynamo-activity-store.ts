import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ActivityRecord, ActivityStore } from '@access-broker/core';
import { requestPartition } from './grant-items';
import { documentClient } from './document-client';
import { GRANT_TABLE } from './grant-table';
import { queryAll } from './query-all';

const { partitionKey: PK, sortKey: SK } = GRANT_TABLE;
const ACTIVITY_PREFIX = 'ACT#';
const EVENT_ID = 'ID#';

/**
 * A grant's activity beside its record and audit trail. The key is the CloudTrail event id and the write is
 * conditional on it, so a redelivered event counts once and no event, however it is timed, overwrites another.
 */
export class DynamoActivityStore implements ActivityStore {
  private readonly documents: ReturnType<typeof documentClient>;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = documentClient(client);
  }

  async record(entry: ActivityRecord) {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [PK]: requestPartition(entry.requestId),
            [SK]: `${ACTIVITY_PREFIX}${EVENT_ID}${entry.eventId}`,
            activity: entry,
          },
          ConditionExpression: 'attribute_not_exists(#sk)',
          ExpressionAttributeNames: { '#sk': SK },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async list(requestId: string) {
    const items = await queryAll(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :act)',
      ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
      ExpressionAttributeValues: { ':pk': requestPartition(requestId), ':act': ACTIVITY_PREFIX },
      ConsistentRead: true,
    });
    // Records kept under their time by earlier versions (`ACT#<time>#<event id>`) count once, by event id.
    const byEvent = new Map<string, ActivityRecord>();
    for (const item of items) {
      const entry = item.activity as ActivityRecord;
      if (!byEvent.has(entry.eventId)) byEvent.set(entry.eventId, entry);
    }
    return [...byEvent.values()].sort(
      (a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId),
    );
  }
}
