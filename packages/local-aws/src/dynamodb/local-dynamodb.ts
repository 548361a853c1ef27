import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AttributeValue, CreateTableInput, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { type DynaliteBackend, dynaliteInProcess } from './dynalite-in-process';
import type { AwsAuthority } from '../iam/aws-authority';
import { AwsJsonError, type JsonBody, parseJson, sendJson, sendJsonError } from '../protocol/json-protocol';
import { ReadWriteLock } from './read-write-lock';
import { dynamoDbPermissions } from './dynamodb-permissions';
import { type TableKeys, keyNamesOf, keyOf } from './table-keys';
import { transactWriteItems } from './transact-write-items';
import type { LogFileSystem } from '../storage/append-log';
import { guarded } from '../protocol/guarded-handler';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const CONTENT_TYPE = 'application/x-amz-json-1.0';

type Item = Record<string, AttributeValue>;

/** A DynamoDB Streams record (NEW_IMAGE view), as the stream's Lambda trigger delivers it. */
export interface StreamRecord {
  eventName: 'INSERT' | 'MODIFY';
  dynamodb: { Keys: Item; NewImage: Item; SequenceNumber: string; StreamViewType: 'NEW_IMAGE' };
}

/**
 * One answered call, for an observer (the bench's capacity meter): what was asked, what was answered and, for
 * a committed transaction, each item's image before it. `bySession` tells a role session (a function) from a
 * long-term key (the operator reading for tests).
 */
export interface DynamoDbCall {
  operation: string;
  request: JsonBody;
  answer: Record<string, unknown>;
  priorImages?: (Item | undefined)[];
  bySession: boolean;
}

export interface LocalDynamoDb {
  endpoint: string;
  /** Why writes are refused now (the disk would not take the last one), if they are. */
  unavailable(): Error | undefined;
  close(): Promise<void>;
}

export interface LocalDynamoDbOptions {
  /** The table's log (table-log.ts); in memory only when absent. */
  log?: string;
  /** Where an earlier version kept the table in LevelDB, imported once into the log. */
  legacyDir?: string;
  port?: number;
  /** The tables to create when they do not exist yet, exactly as CreateTable takes them. */
  tables: CreateTableInput[];
  authority: AwsAuthority;
  onStream?: (records: StreamRecord[]) => void;
  /** Told of every successful call (after it is durable). */
  onCall?: (call: DynamoDbCall) => void;
  /** The disk the log writes to (fault injection: a full one). */
  disk?: LogFileSystem;
}

/**
 * DynamoDB on loopback: dynalite (in memory, persisted to an append log when `log` is given), fronted by a server
 * that authorizes every call against the signer's policies, adds TransactWriteItems, and hands each committed
 * transaction's new images to `onStream`, as the table's stream would. Writes are serialised, so a
 * transaction is atomic with respect to them.
 */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions): Promise<LocalDynamoDb> {
  const backend = await dynaliteInProcess({
    ...(options.log ? { log: options.log } : {}),
    ...(options.legacyDir ? { legacyDir: options.legacyDir } : {}),
    ...(options.disk ? { disk: options.disk } : {}),
  });
  const lock = new ReadWriteLock();
  let sequence = 0;
  let closing = false;
  const context: Front = {
    ...{ backend, lock, options },
    keys: new Map(options.tables.map((table) => [table.TableName!, keyNamesOf(table)])),
    tableArn: (name: string) => options.authority.arn('dynamodb', `table/${name}`),
    nextSequence: () => ++sequence,
  };
  const server = createServer(
    guarded(async (request, response) => {
      // A straggler after close would crash dynalite (it throws on a closed store): refuse it instead.
      if (closing)
        return sendJsonError(
          response,
          new AwsJsonError(503, 'ServiceUnavailable', 'local DynamoDB is shutting down'),
          CONTENT_TYPE,
        );
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      await answerCall(context, operation, request, await readBody(request), response);
    }),
  );
  await listen(server, options.port ?? 0);
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const table of options.tables) await ensureTable(backend, table);
  return {
    endpoint,
    unavailable: () => backend.unavailable(),
    async close() {
      closing = true;
      await lock.write(async () => undefined);
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await backend.close();
    },
  };
}

/** What answering a call takes: the store, the write lock, the tables' keys, who to tell. */
interface Front {
  backend: DynaliteBackend;
  lock: ReadWriteLock;
  options: LocalDynamoDbOptions;
  keys: TableKeys;
  tableArn: (name: string) => string;
  nextSequence: () => number;
}

/**
 * One call: identified by signature before anything of it is read, authorized per table and index, refused
 * while the disk is full, answered once durable, and told to the stream (a transaction) and the observer.
 */
async function answerCall(
  front: Front,
  operation: string,
  request: IncomingMessage,
  raw: string,
  response: ServerResponse,
) {
  try {
    // Who signed it first: nothing of an unsigned or forged request is read, not even its JSON.
    const caller = await front.options.authority.identify(request, raw);
    const body = parseJson(raw);
    for (const permission of dynamoDbPermissions(operation, body, front.tableArn))
      await front.options.authority.authorize(caller, permission);
    const write = WRITES.has(operation) || operation === 'TransactWriteItems';
    // The disk refused the last write: refuse this one before it changes anything.
    const refused = write ? front.backend.unavailable() : undefined;
    if (refused) throw new AwsJsonError(503, 'ServiceUnavailable', refused.message);
    if (operation === 'TransactWriteItems') {
      const items = (body.TransactItems ?? []) as TransactWriteItem[];
      await handleTransaction(response, front.backend, front.lock, items, front.keys, (priorImages) => {
        const bySession = Boolean(caller.session);
        front.options.onCall?.({ operation, request: body, answer: {}, priorImages, bySession });
        front.options.onStream?.(streamRecords(items, priorImages, front.keys, front.nextSequence));
      });
      return;
    }
    const forward = () => front.backend.call(operation, body);
    const answer = await (write ? front.lock.write(forward) : front.lock.read(forward));
    // Acknowledged only once on disk (group commit): a kill -9 cannot take back what was answered.
    if (write) await durably(front.backend);
    sendJson(response, answer.status, answer.body, CONTENT_TYPE);
    if (answer.status === 200)
      front.options.onCall?.({
        operation,
        request: body,
        answer: answer.body,
        bySession: Boolean(caller.session),
      });
  } catch (error) {
    sendJsonError(response, error, CONTENT_TYPE);
  }
}

/** Runs the transaction (calling `onCommit` with the prior images before releasing the lock); answers. */
async function handleTransaction(
  response: ServerResponse,
  dynalite: DynaliteBackend,
  lock: ReadWriteLock,
  items: TransactWriteItem[],
  keys: TableKeys,
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
        const result = await transactWriteItems(dynalite, items, keys);
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
  keys: TableKeys,
  next: () => number,
): StreamRecord[] {
  return items.flatMap((item, index) => {
    const image = item.Put?.Item as Item | undefined;
    if (!image) return [];
    return [
      {
        eventName: priorImages[index] ? ('MODIFY' as const) : ('INSERT' as const),
        dynamodb: {
          Keys: keyOf(keys, item.Put!.TableName!, image),
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

async function ensureTable(backend: DynaliteBackend, table: CreateTableInput) {
  const tableName = table.TableName!;
  const { body } = await backend.call('ListTables', {});
  if (!((body.TableNames as string[] | undefined) ?? []).includes(tableName))
    await backend.call('CreateTable', table as unknown as Record<string, unknown>);
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
