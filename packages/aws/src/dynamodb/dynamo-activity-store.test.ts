import { createGrantTableInput } from './grant-table';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ActivityRecord } from '@access-broker/core';
import { startStandaloneDynamoDb } from '@access-broker/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoActivityStore } from './dynamo-activity-store';

const TABLE = 'grants';
let dynamo: Awaited<ReturnType<typeof startStandaloneDynamoDb>>;
let client: DynamoDBClient;
let store: DynamoActivityStore;

beforeAll(async () => {
  dynamo = await startStandaloneDynamoDb({ tables: [createGrantTableInput(TABLE)] });
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: dynamo.credentials,
  });
  store = new DynamoActivityStore(client, TABLE);
});
afterAll(async () => {
  client.destroy();
  await dynamo.close();
});

const call = (overrides: Partial<ActivityRecord> = {}): ActivityRecord => ({
  requestId: 'r1',
  eventId: 'e-1',
  at: '2026-12-01T10:00:00.000Z',
  service: 's3.amazonaws.com',
  action: 'GetObject',
  sessionName: 'auditor',
  allowed: true,
  ...overrides,
});

describe('DynamoActivityStore', () => {
  it('writes an event once: a replay under another time or outcome changes nothing', async () => {
    await expect(store.record(call())).resolves.toBe(true);
    await expect(
      store.record(call({ at: '2026-12-01T09:00:00.000Z', action: 'DeleteObject', allowed: false })),
    ).resolves.toBe(false);
    expect(await store.list('r1')).toEqual([call()]);
  });

  it('lists oldest first, counting a record an earlier version kept under its time once', async () => {
    await store.record(call({ requestId: 'r2', eventId: 'e-b', at: '2026-12-01T10:05:00.000Z' }));
    await store.record(call({ requestId: 'r2', eventId: 'e-a', at: '2026-12-01T10:01:00.000Z' }));
    const legacy = call({ requestId: 'r2', eventId: 'e-a', at: '2026-12-01T10:01:00.000Z' });
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: marshall({ pk: 'REQ#r2', sk: `ACT#${legacy.at}#${legacy.eventId}`, activity: legacy }),
      }),
    );
    expect((await store.list('r2')).map((entry) => entry.eventId)).toEqual(['e-a', 'e-b']);
  });
});
