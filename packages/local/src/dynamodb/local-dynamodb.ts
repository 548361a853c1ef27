import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { createGrantTableInput, GRANT_TABLE } from '@access-broker/aws';
import { CapacityMeter } from './capacity-meter';
import { type DynaliteBackend, dynaliteInProcess } from './dynalite-in-process';
import type { AwsAuthority } from '../aws/aws-authority';
import { AwsJsonError, type JsonBody, parseJson, sendJson, sendJsonError } from '../aws/json-protocol';
import { ReadWriteLock } from './read-write-lock';
import { dynamoDbPermissions } from './dynamodb-permissions';
import { transactWriteItems } from './transact-write-items';
import type { LogFileSystem } from '../runtime/append-log';
import { guarded } from '../runtime/guarded-handler';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const CONTENT_TYPE = 'application/x-amz-json-1.0';

type Item = Record<string, AttributeValue>;

/** A DynamoDB Streams record (NEW_IMAGE view), as the stream's Lambda trigger delivers it. */
export interface StreamRecord {
  eventName: 'INSERT' | 'MODIFY';
  dynamodb: { Keys: Item; NewImage: Item; SequenceNumber: string; StreamViewType: 'NEW_IMAGE' };
}

export interface LocalDynamoDb {
  endpoint: string;
  /** The request units DynamoDB on-demand would bill for what went through here (the bench reads it). */
  meter: CapacityMeter;
  /** Why writes are refused now (the disk would not take the last one), if they are. */
  unavailable(): Error | undefined;
  close(): Promise<void>;
}

/**
 * DynamoDB on loopback: dynalite (in memory, persisted to an append log when `log` is given), fronted by a server
 * that authorizes every call against the signer's policies, adds TransactWriteItems, and hands each committed
 * transaction's new images to `onStream`, as the table's stream would. Writes are serialised, so a
 * transaction is atomic with respect to them.
 */
export async function startLocalDynamoDb(options: {
  /** The table's log (table-log.ts); in memory only when absent. */
  log?: string;
  /** Where an earlier version kept the table in LevelDB, imported once into the log. */
  legacyDir?: string;
  port?: number;
  tableName: string;
  authority: AwsAuthority;
  onStream?: (records: StreamRecord[]) => void;
  /** The disk the log writes to (fault injection: a full one). */
  disk?: LogFileSystem;
}): Promise<LocalDynamoDb> {
  const backend = await dynaliteInProcess({
    ...(options.log ? { log: options.log } : {}),
    ...(options.legacyDir ? { legacyDir: options.legacyDir } : {}),
    ...(options.disk ? { disk: options.disk } : {}),
  });
  const lock = new ReadWriteLock();
  const tableArn = (name: string) => options.authority.arn('dynamodb', `table/${name}`);
  let sequence = 0;
  let closing = false;
  const meter = new CapacityMeter();
  const front = createServer(
    guarded(async (request, response) => {
      // A straggler after close would crash dynalite (it throws on a closed store): refuse it instead.
      if (closing)
        return sendJsonError(
          response,
          new AwsJsonError(503, 'ServiceUnavailable', 'local DynamoDB is shutting down'),
          CONTENT_TYPE,
        );
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const raw = await readBody(request);
      try {
        // Who signed it first: nothing of an unsigned or forged request is read, not even its JSON.
        const caller = await options.authority.identify(request, raw);
        const body = parseJson(raw);
        for (const permission of dynamoDbPermissions(operation, body, tableArn))
          await options.authority.authorize(caller, permission);
        const write = WRITES.has(operation) || operation === 'TransactWriteItems';
        // The disk refused the last write: refuse this one before it changes anything.
        const refused = write ? backend.unavailable() : undefined;
        if (refused) throw new AwsJsonError(503, 'ServiceUnavailable', refused.message);
        if (operation === 'TransactWriteItems') {
          const items = (body.TransactItems ?? []) as TransactWriteItem[];
          await handleTransaction(response, backend, lock, items, (priorImages) => {
            // Metered: the functions' calls (role sessions), not the operator reading for tests and the bench.
            if (caller.session) meterTransaction(meter, items, priorImages);
            options.onStream?.(streamRecords(items, priorImages, () => ++sequence));
          });
          return;
        }
        const forward = () => backend.call(operation, body);
        const answer = await (write ? lock.write(forward) : lock.read(forward));
        // Acknowledged only once on disk (group commit): a kill -9 cannot take back what was answered.
        if (write) await durably(backend);
        const text = JSON.stringify(answer.body);
        sendJson(response, answer.status, answer.body, CONTENT_TYPE);
        if (answer.status === 200 && caller.session) meterRequest(meter, operation, body, text);
      } catch (error) {
        sendJsonError(response, error, CONTENT_TYPE);
      }
    }),
  );
  await listen(front, options.port ?? 0);
  const endpoint = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  await ensureTable(backend, options.tableName);
  return {
    endpoint,
    meter,
    unavailable: () => backend.unavailable(),
    async close() {
      closing = true;
      await lock.write(async () => undefined);
      await new Promise((resolve) => front.close(resolve));
      front.closeAllConnections();
      await backend.close();
    },
  };
}

/** Runs the transaction (calling `onCommit` with the prior images before releasing the lock); answers. */
async function handleTransaction(
  response: ServerResponse,
  dynalite: DynaliteBackend,
  lock: ReadWriteLock,
  items: TransactWriteItem[],
  onCommit: (priorImages: (Item | undefined)[]) => void,
): Promise<void> {
  if (items.length === 0 || items.length > 100)
    throw new AwsJsonError(
      400,
      'com.amazon.coral.validate#ValidationException',
      'TransactItems must hold 1 to 100 items',
    );
  let outcome;
  try {
    // All of its items reach the log in one line, or none does (a kill between two items loses both).
    outcome = await lock.write(() =>
      dynalite.atomically(async () => {
        const result = await transactWriteItems(dynalite, items);
        return { result, commit: 'priorImages' in result };
      }),
    );
  } catch (error) {
    throw new AwsJsonError(
      400,
      'com.amazon.coral.validate#ValidationException',
      error instanceof Error ? error.message : String(error),
    );
  }
  if ('priorImages' in outcome) {
    await durably(dynalite);
    // Durable first: the stream (events, Slack) never tells of a change a crash could still take back.
    onCommit(outcome.priorImages);
    return sendJson(response, 200, {}, CONTENT_TYPE);
  }
  const reasons = outcome.cancelled;
  sendJson(
    response,
    400,
    {
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      CancellationReasons: reasons,
    },
    CONTENT_TYPE,
  );
}

function streamRecords(
  items: TransactWriteItem[],
  priorImages: (Item | undefined)[],
  next: () => number,
): StreamRecord[] {
  return items.flatMap((item, index) => {
    const image = item.Put?.Item as Item | undefined;
    if (!image) return [];
    return [
      {
        eventName: priorImages[index] ? ('MODIFY' as const) : ('INSERT' as const),
        dynamodb: {
          Keys: {
            [GRANT_TABLE.partitionKey]: image[GRANT_TABLE.partitionKey]!,
            [GRANT_TABLE.sortKey]: image[GRANT_TABLE.sortKey]!,
          },
          NewImage: image,
          SequenceNumber: String(next()).padStart(21, '0'),
          StreamViewType: 'NEW_IMAGE' as const,
        },
      },
    ];
  });
}

/** Waits until the writes so far are on disk; a disk that refuses them is DynamoDB being unavailable. */
async function durably(backend: DynaliteBackend) {
  try {
    await backend.durable();
  } catch (error) {
    throw new AwsJsonError(503, 'ServiceUnavailable', (error as Error).message);
  }
}

function meterTransaction(
  meter: CapacityMeter,
  items: TransactWriteItem[],
  priorImages: (Item | undefined)[],
) {
  for (const [index, item] of items.entries()) {
    const prior = priorImages[index];
    if (item.Put) meter.write(item.Put.Item as Item, prior, true);
    else if (item.Delete) meter.write(undefined, prior, true);
    // A condition check is billed like a write of the item it reads; an update here keeps its image's size.
    else meter.write(prior, prior, true);
  }
}

/** What a plain (non-transactional) request costs, from the request and dynalite's answer. */
function meterRequest(meter: CapacityMeter, operation: string, body: JsonBody, text: string) {
  const answer = JSON.parse(text || '{}') as Record<string, unknown>;
  const consistent = body.ConsistentRead === true;
  if (operation === 'PutItem') meter.write(body.Item as Item, undefined, false);
  else if (operation === 'GetItem') meter.read(answer.Item ? [answer.Item as Item] : [], consistent);
  else if (operation === 'Query' || operation === 'Scan')
    meter.read((answer.Items ?? []) as Item[], consistent);
  else if (operation === 'BatchGetItem') {
    const requested = Object.values(
      (body.RequestItems ?? {}) as Record<string, { ConsistentRead?: boolean }>,
    );
    const strongly = requested.some((table) => table.ConsistentRead === true);
    for (const items of Object.values((answer.Responses ?? {}) as Record<string, Item[]>))
      for (const item of items) meter.read([item], strongly);
  }
}

async function ensureTable(backend: DynaliteBackend, tableName: string) {
  const { body } = await backend.call('ListTables', {});
  if (!((body.TableNames as string[] | undefined) ?? []).includes(tableName))
    await backend.call('CreateTable', createGrantTableInput(tableName) as unknown as Record<string, unknown>);
  // dynalite flips CREATING → ACTIVE on a timer even with createTableMs 0; writes before that fail.
  for (let attempt = 0; attempt < 200; attempt++) {
    const described = await backend.call('DescribeTable', { TableName: tableName });
    if ((described.body.Table as { TableStatus?: string } | undefined)?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
