import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type TransactWriteItem,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { createGrantTableInput } from '@access-broker/aws';
import dynalite from 'dynalite';
import { AsyncMutex } from './async-mutex';
import { transactWriteItems } from './transact-write-items';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface LocalDynamoDb {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * DynamoDB on loopback: dynalite (persisted with LevelDB under `path`, or in memory), fronted by a server
 * that adds TransactWriteItems. Writes are serialised so a transaction is atomic with respect to them.
 */
export async function startLocalDynamoDb(options: {
  path?: string;
  port?: number;
  tableName: string;
}): Promise<LocalDynamoDb> {
  const backend: Server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await listen(backend, 0);
  const backendClient = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(backend.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const writes = new AsyncMutex();
  let closing = false;
  const front = createServer((request, response) => {
    // A straggler after close would crash dynalite (it throws on a closed store): refuse it instead.
    if (closing) {
      response.writeHead(503, { 'content-type': 'application/x-amz-json-1.0' });
      return void response.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable',
          message: 'local DynamoDB is shutting down',
        }),
      );
    }
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    if (operation === 'TransactWriteItems')
      return void handleTransaction(request, response, backendClient, writes);
    if (!WRITES.has(operation)) return void backend.emit('request', request, response);
    void writes.run(
      () =>
        new Promise<void>((resolve) => {
          response.once('close', resolve);
          backend.emit('request', request, response);
        }),
    );
  });
  await listen(front, options.port ?? 0);
  const endpoint = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  await ensureTable(backendClient, options.tableName);
  return {
    endpoint,
    async close() {
      closing = true;
      await writes.run(async () => undefined);
      await new Promise((resolve) => front.close(resolve));
      front.closeAllConnections();
      backendClient.destroy();
      await new Promise((resolve) => backend.close(resolve));
    },
  };
}

async function handleTransaction(
  request: IncomingMessage,
  response: ServerResponse,
  dynalite: DynamoDBClient,
  writes: AsyncMutex,
) {
  const body = JSON.parse(await readBody(request)) as { TransactItems?: TransactWriteItem[] };
  const items = body.TransactItems ?? [];
  const send = (status: number, payload: unknown) => {
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': crypto.randomUUID(),
    });
    response.end(JSON.stringify(payload));
  };
  if (items.length === 0 || items.length > 100) {
    return send(400, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'TransactItems must hold 1 to 100 items',
    });
  }
  try {
    const reasons = await writes.run(() => transactWriteItems(dynalite, items));
    if (!reasons) return send(200, {});
    send(400, {
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      CancellationReasons: reasons,
    });
  } catch (error) {
    send(400, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

async function ensureTable(client: DynamoDBClient, tableName: string) {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  if (!TableNames.includes(tableName))
    await client.send(new CreateTableCommand(createGrantTableInput(tableName)));
  // dynalite flips CREATING → ACTIVE on a timer even with createTableMs 0; writes before that fail.
  await waitUntilTableExists(
    { client, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
    { TableName: tableName },
  );
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
