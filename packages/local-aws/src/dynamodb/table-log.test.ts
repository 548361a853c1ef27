import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HomeInUse } from '../storage/home-lock';
import { type DynaliteBackend, dynaliteInProcess } from './dynalite-in-process';

const TABLE = {
  TableName: 'logged',
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }],
  BillingMode: 'PAY_PER_REQUEST' as const,
};
const item = (pk: string, n: number) => ({ pk: { S: pk }, n: { N: String(n) } });

let dir: string;
const opened: DynaliteBackend[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'table-log-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((backend) => backend.close()));
  await rm(dir, { recursive: true, force: true });
});

async function open(options: { legacyDir?: string } = {}) {
  const backend = await dynaliteInProcess({ log: join(dir, 'table.jsonl'), ...options });
  opened.push(backend);
  return backend;
}
async function createTable(backend: DynaliteBackend) {
  await backend.call('CreateTable', TABLE);
  // dynalite marks the table ACTIVE on its next tick.
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const get = async (backend: DynaliteBackend, pk: string) =>
  (await backend.call('GetItem', { TableName: 'logged', Key: { pk: { S: pk } } })).body.Item;

describe('the local table log', () => {
  it('keeps every answered write across a restart that never closed the store, compacted on open', async () => {
    const first = await open();
    await createTable(first);
    for (let n = 0; n < 5; n++) await first.call('PutItem', { TableName: 'logged', Item: item(`k${n}`, n) });
    await first.call('PutItem', { TableName: 'logged', Item: item('k1', 100) });
    await first.call('DeleteItem', { TableName: 'logged', Key: { pk: { S: 'k2' } } });
    await first.durable(); // what the front waits for before it answers
    const linesBefore = readFileSync(join(dir, 'table.jsonl'), 'utf8').trim().split('\n').length;

    const second = await open(); // the first is still open: as after a kill, nothing was flushed at close
    expect(await get(second, 'k1')).toEqual(item('k1', 100));
    expect(await get(second, 'k2')).toBeUndefined();
    expect(await get(second, 'k4')).toEqual(item('k4', 4));
    const linesAfter = readFileSync(join(dir, 'table.jsonl'), 'utf8').trim().split('\n').length;
    expect(linesAfter).toBeLessThan(linesBefore);
  });

  it('skips a torn last line and refuses a corrupt one in the middle', async () => {
    const first = await open();
    await createTable(first);
    await first.call('PutItem', { TableName: 'logged', Item: item('kept', 1) });
    await first.durable();
    appendFileSync(join(dir, 'table.jsonl'), '[["item-t~');
    expect(await get(await open(), 'kept')).toEqual(item('kept', 1));

    appendFileSync(join(dir, 'table.jsonl'), 'not json\n[]\n');
    await expect(open()).rejects.toThrow(/line \d+ is not JSON/);
  });

  it('imports a table an earlier version kept in LevelDB, once', async () => {
    const legacyDir = join(dir, 'dynamodb');
    const dynalite = createRequire(import.meta.url)('dynalite') as (options: object) => Server;
    const server = dynalite({ path: legacyDir, createTableMs: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    await client.send(new CreateTableCommand(TABLE));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.send(new PutItemCommand({ TableName: 'logged', Item: item('old', 7) }));
    client.destroy();
    // While the earlier broker still runs (LevelDB locks its directory), nothing is imported: a clear refusal.
    await expect(open({ legacyDir })).rejects.toThrow(HomeInUse);
    expect(existsSync(join(dir, 'table.jsonl'))).toBe(false);
    await new Promise((resolve) => server.close(resolve));

    const backend = await open({ legacyDir });
    expect(await get(backend, 'old')).toEqual(item('old', 7));
    expect(existsSync(legacyDir)).toBe(false);
    expect(existsSync(`${legacyDir}.imported`)).toBe(true);
    await backend.call('PutItem', { TableName: 'logged', Item: item('new', 8) });
    await backend.durable();
    const again = await open({ legacyDir });
    expect([await get(again, 'old'), await get(again, 'new')]).toEqual([item('old', 7), item('new', 8)]);
  });
});
