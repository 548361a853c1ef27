import { createRequire } from 'node:module';
import type { LogFileSystem } from '../storage/append-log';
import { type LevelStore, persistTable } from './table-log';

const require = createRequire(import.meta.url);

// dynalite's own modules, as its HTTP handler uses them: the store, the per-action validations and actions.
const db = require('dynalite/db') as {
  create(options: Record<string, unknown>): DynaliteStore;
};
const validations = require('dynalite/validations') as {
  toLowerFirst(name: string): string;
  checkTypes(data: unknown, types: unknown): unknown;
  checkValidations(data: unknown, types: unknown, custom: unknown, store: DynaliteStore): void;
};

interface DynaliteStore {
  db: LevelStore & { close(callback: (error?: Error) => void): void };
}
type Action = (
  store: DynaliteStore,
  data: unknown,
  callback: (error: unknown, result?: unknown) => void,
) => void;

const OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'GetItem',
  'ListTables',
  'PutItem',
  'Query',
  'Scan',
  'UpdateItem',
  'UpdateTable',
] as const;

export interface DynaliteAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * dynalite without its HTTP server: the same validations and actions, called in-process on its in-memory
 * store, persisted to `log` when given (table-log.ts). The local DynamoDB's front already speaks the wire
 * protocol and authorizes each call; a second HTTP hop and a second SDK client to reach dynalite only cost
 * time under the write lock.
 */
export async function dynaliteInProcess(options: { log?: string; legacyDir?: string; disk?: LogFileSystem }) {
  const store = db.create({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const actions = new Map<string, { action: Action; rules: { types: unknown; custom: unknown } }>();
  for (const operation of OPERATIONS) {
    const name = validations.toLowerFirst(operation);
    actions.set(operation, {
      action: require(`dynalite/actions/${name}`) as Action,
      rules: require(`dynalite/validations/${name}`) as { types: unknown; custom: unknown },
    });
  }
  const persisted = options.log
    ? await persistTable(store.db, options.log, options.legacyDir, options.disk)
    : undefined;
  return {
    operations: new Set<string>(OPERATIONS),
    /** Once every write so far is on disk (nothing to wait for in memory only). */
    durable: () => persisted?.durable() ?? Promise.resolve(),
    unavailable: () => persisted?.unavailable(),
    /** Runs a transaction's writes so that the log keeps all of them or none (see TableLog.atomically). */
    atomically: <T>(work: () => Promise<{ result: T; commit: boolean }>): Promise<T> =>
      persisted ? persisted.atomically(work) : work().then(({ result }) => result),
    /** One call, answered as dynalite's server would: status and JSON body (errors carry `__type`). */
    call(operation: string, input: Record<string, unknown>): Promise<DynaliteAnswer> {
      const entry = actions.get(operation);
      if (!entry)
        return Promise.resolve({
          status: 400,
          body: { __type: 'com.amazon.coral.service#UnknownOperationException' },
        });
      let data: unknown;
      try {
        // Validation mutates and converts its input (as over the wire): give it a copy.
        data = validations.checkTypes(structuredClone(input), entry.rules.types);
        validations.checkValidations(data, entry.rules.types, entry.rules.custom, store);
      } catch (error) {
        return Promise.resolve(answerOf(error));
      }
      return new Promise((resolve, reject) =>
        entry.action(store, data, (error, result) => {
          if (!error) return resolve({ status: 200, body: (result ?? {}) as Record<string, unknown> });
          const failure = error as { statusCode?: number; body?: Record<string, unknown> };
          if (failure.statusCode) resolve({ status: failure.statusCode, body: failure.body ?? {} });
          else reject(error);
        }),
      );
    },
    close: () =>
      new Promise<void>((resolve) =>
        store.db.close(() => {
          persisted?.close();
          resolve();
        }),
      ),
  };
}

function answerOf(error: unknown): DynaliteAnswer {
  const failure = error as { statusCode?: number; body?: Record<string, unknown> };
  if (!failure?.statusCode) throw error;
  return { status: failure.statusCode, body: failure.body ?? {} };
}

export type DynaliteBackend = Awaited<ReturnType<typeof dynaliteInProcess>>;
