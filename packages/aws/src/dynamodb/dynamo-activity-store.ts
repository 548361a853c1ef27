import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ActivityRecord, ActivityStore } from '@access-broker/core';
import { requestPartition } from './grant-items';
import { documentClient } from './document-client';
import { GRANT_TABLE } from './grant-table';
import { queryAll } from './query-all';

const { partitionKey: PK, sortKey: SK } = GRANT_TABLE;
const ACTIVITY_PREFIX = 'ACT#';

/**
 * A grant's activity beside its record and audit trail, in its own partition, sorted by time. The key holds
 * the CloudTrail event id, so a redelivered event overwrites itself instead of counting twice.
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
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          [PK]: requestPartition(entry.requestId),
          [SK]: `${ACTIVITY_PREFIX}${entry.at}#${entry.eventId}`,
          activity: entry,
        },
      }),
    );
  }

  async list(requestId: string) {
    const items = await queryAll(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :act)',
      ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
      ExpressionAttributeValues: { ':pk': requestPartition(requestId), ':act': ACTIVITY_PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => item.activity as ActivityRecord);
  }
}
