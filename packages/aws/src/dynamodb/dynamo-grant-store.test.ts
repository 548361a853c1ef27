import { createGrantTableInput } from './grant-table';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  type AuditEntry,
  type GrantRecord,
  GrantConflictError,
  IdempotencyConflictError,
  ValidationError,
} from '@access-broker/core';
import { startStandaloneDynamoDb } from '@access-broker/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoGrantStore } from './dynamo-grant-store';
import { metaKey } from './grant-items';

const TABLE = 'grants';
let dynamo: Awaited<ReturnType<typeof startStandaloneDynamoDb>>;
let client: DynamoDBClient;
let store: DynamoGrantStore;

beforeAll(async () => {
  dynamo = await startStandaloneDynamoDb({ tables: [createGrantTableInput(TABLE)] });
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: dynamo.credentials,
  });
  store = new DynamoGrantStore(client, { tableName: TABLE, expiryShards: 3 });
});
afterAll(async () => {
  client.destroy();
  await dynamo.close();
});

let counter = 0;
function record(overrides: Partial<GrantRecord> = {}): GrantRecord {
  const id = `r${String(++counter).padStart(5, '0')}`;
  const at = new Date(Date.UTC(2026, 10, 23, 12, 0, counter)).toISOString();
  return {
    id,
    status: 'PENDING_APPROVAL',
    version: 1,
    createdAt: at,
    updatedAt: at,
    principal: {
      arn: 'arn:aws:iam::111122223333:root',
      accountId: '111122223333',
      partition: 'aws',
      kind: 'account',
    },
    targetAccountId: '123456789012',
    statements: [],
    managedPolicyArns: ['arn:aws:iam::aws:policy/SecurityAudit'],
    durationSeconds: 3600,
    justification: 'audit',
    requester: { id: 'dave' },
    createdBy: 'jira',
    externalId: 'Zt8aQe3r1Lk0-vendor-tenant-4471',
    externalIdSource: 'supplied',
    approvals: [],
    ...overrides,
  };
}
const audit = (r: GrantRecord, action: AuditEntry['action'] = 'REQUESTED'): AuditEntry => ({
  requestId: r.id,
  at: r.updatedAt,
  seq: r.version,
  action,
  actor: 'test',
  to: r.status,
});
const next = (r: GrantRecord, changes: Partial<GrantRecord>): GrantRecord => ({
  ...r,
  ...changes,
  version: r.version + 1,
});

describe('DynamoGrantStore over the wire (dynalite)', () => {
  it('creates, reads back and audits a request', async () => {
    const r = record();
    await store.create(r, audit(r));
    expect(await store.get(r.id)).toEqual(r);
    expect(await store.auditTrail(r.id)).toEqual([audit(r)]);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('stores the record compressed (one write unit), and still reads one written as a plain map', async () => {
    const r = record({ justification: 'a justification that repeats itself, '.repeat(10) });
    await store.create(r, audit(r));
    const { Item } = await client.send(
      new GetItemCommand({ TableName: TABLE, Key: marshall(metaKey(r.id)), ConsistentRead: true }),
    );
    expect(Item?.recordBr?.B).toBeInstanceOf(Uint8Array);
    expect(Item?.record).toBeUndefined();
    expect(Item!.recordBr!.B!.length).toBeLessThan(JSON.stringify(r).length / 2);
    const older = record();
    await client.send(
      new PutItemCommand({ TableName: TABLE, Item: marshall({ ...metaKey(older.id), record: older }) }),
    );
    expect(await store.get(older.id)).toEqual(older);
    expect((await store.getMany([older.id, r.id])).get(older.id)).toEqual(older);
  });

  it('reads 250 records in three batched calls, and leaves out ids with no record', async () => {
    const stored = Array.from({ length: 250 }, () => record());
    for (const r of stored) await store.create(r, audit(r));
    const sent: string[] = [];
    const spy = (next: (args: any) => Promise<any>, context: { commandName: string }) => (args: any) => {
      sent.push(context.commandName);
      return next(args);
    };
    client.middlewareStack.add(spy as any, { step: 'initialize', name: 'countCommands' });
    try {
      const found = await store.getMany([...stored.map((r) => r.id), 'nosuchid', stored[0]!.id]);
      expect(found.size).toBe(250);
      expect(found.get(stored[7]!.id)).toEqual(stored[7]);
      expect(found.has('nosuchid')).toBe(false);
    } finally {
      client.middlewareStack.remove('countCommands');
    }
    expect(sent).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'BatchGetItemCommand']);
  });

  it('lets exactly one of 20 concurrent conflicting transitions win', async () => {
    const r = record();
    await store.create(r, audit(r));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.update(next(r, { status: i % 2 ? 'DENIED' : 'APPROVED' }), r, audit(next(r, {}), 'APPROVED')),
      ),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const result of lost) expect(result.reason).toBeInstanceOf(GrantConflictError);
    expect((await store.get(r.id))?.version).toBe(2);
    expect(await store.auditTrail(r.id)).toHaveLength(2);
  });

  it('writes nothing when the expected version is stale', async () => {
    const r = record();
    await store.create(r, audit(r));
    await expect(
      store.update(next(r, { version: 9 }), { status: r.status, version: 7 }, audit(next(r, {}))),
    ).rejects.toBeInstanceOf(GrantConflictError);
    expect(await store.get(r.id)).toEqual(r);
    expect(await store.auditTrail(r.id)).toHaveLength(1);
  });

  it('replays the same idempotency key and body, and refuses another body', async () => {
    const first = record();
    const claim = { clientId: 'jira', key: 'SEC-1', bodyHash: 'aaa' };
    expect(await store.create(first, audit(first), claim)).toEqual({ record: first, replayed: false });
    const retry = record();
    expect(await store.create(retry, audit(retry), claim)).toEqual({ record: first, replayed: true });
    expect(await store.get(retry.id)).toBeUndefined();
    await expect(
      store.create(record(), audit(record()), { ...claim, bodyHash: 'bbb' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('finds due grants through the sparse byExpiry index, across shards, oldest first', async () => {
    const due = [
      record({ dueAt: '2026-11-23T10:00:00.000Z' }),
      record({ dueAt: '2026-11-23T09:00:00.000Z' }),
    ];
    const later = record({ dueAt: '2026-11-23T15:00:00.000Z' });
    const none = record();
    for (const r of [...due, later, none]) await store.create(r, audit(r));
    const ids = await store.listDue(new Date('2026-11-23T12:00:00Z'), 50);
    expect(ids).toEqual([due[1]!.id, due[0]!.id]);
    // Leaving the index: a record without dueAt is no longer found.
    await store.update(
      next(due[0]!, { dueAt: undefined, status: 'PENDING_APPROVAL' }),
      due[0]!,
      audit(next(due[0]!, {})),
    );
    expect(await store.listDue(new Date('2026-11-23T12:00:00Z'), 50)).toEqual([due[1]!.id]);
  });

  it('lists by status with opaque cursors and refuses a forged one', async () => {
    const denied = Array.from({ length: 5 }, () => record({ status: 'DENIED' }));
    for (const r of denied) await store.create(r, audit(r));
    const first = await store.list({ status: 'DENIED', limit: 3 });
    const second = await store.list({ status: 'DENIED', limit: 3, cursor: first.cursor! });
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(denied.map((r) => r.id).reverse());
    await expect(store.list({ limit: 3, cursor: first.cursor! })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list({ limit: 3, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('local DynamoDB persistence', () => {
  it('keeps every record across a restart', async () => {
    const path = await mkdtemp(join(tmpdir(), 'broker-dynamo-'));
    try {
      const r = record();
      const first = await startStandaloneDynamoDb({
        tables: [createGrantTableInput(TABLE)],
        log: join(path, 'table.jsonl'),
      });
      const c1 = new DynamoDBClient({
        endpoint: first.endpoint,
        region: 'us-east-1',
        credentials: first.credentials,
      });
      await new DynamoGrantStore(c1, { tableName: TABLE }).create(r, audit(r));
      c1.destroy();
      await first.close();
      const second = await startStandaloneDynamoDb({
        tables: [createGrantTableInput(TABLE)],
        log: join(path, 'table.jsonl'),
      });
      const c2 = new DynamoDBClient({
        endpoint: second.endpoint,
        region: 'us-east-1',
        credentials: second.credentials,
      });
      expect(await new DynamoGrantStore(c2, { tableName: TABLE }).get(r.id)).toEqual(r);
      c2.destroy();
      await second.close();
    } finally {
      await rm(path, { recursive: true, force: true });
    }
  });
});
