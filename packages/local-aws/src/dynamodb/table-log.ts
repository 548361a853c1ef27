import { existsSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppendLog, type LogFileSystem } from '../storage/append-log';
import { HomeInUse } from '../storage/home-lock';

/** dynalite's store: one LevelDB-shaped database of prefixed string keys and JSON values. */
export interface LevelStore {
  batch(operations: { type: 'put'; key: string; value: unknown }[]): Promise<void>;
  on(event: 'write', listener: (operations: WriteOperation[]) => void): void;
}
interface WriteOperation {
  type: 'put' | 'del';
  key: string;
  encodedValue?: Uint8Array;
}
/** One line: the operations of one write, `[key, value]` for a put and `[key]` for a delete. */
type LogLine = ([string, unknown] | [string])[];

/**
 * The local table's persistence: dynalite runs on its in-memory store, and every write it makes is appended to
 * `file` before the call is answered. Opening replays the log into the store and compacts it. Writing through
 * LevelDB cost more than everything else the local DynamoDB does; replaying a log at start costs little.
 * A home from an earlier version, with the table in LevelDB under `legacyDir`, is imported once.
 */
export interface TableLog {
  /** Resolves once every write so far is on disk (group commit); rejects while the disk refuses writes. */
  durable(): Promise<void>;
  unavailable(): Error | undefined;
  /**
   * The writes of one transaction become one line: all of them are on disk or none is. Writes that `work`
   * makes are held back and written as one line if it returns true (committed), dropped if false (rolled back).
   */
  atomically<T>(work: () => Promise<{ result: T; commit: boolean }>): Promise<T>;
  close(): void;
}

export async function persistTable(
  store: LevelStore,
  file: string,
  legacyDir?: string,
  disk?: LogFileSystem,
): Promise<TableLog> {
  const live = new Map<string, unknown>();
  const importing = legacyDir !== undefined && !existsSync(file) && existsSync(legacyDir);
  if (importing) for await (const [key, value] of readLevelDb(legacyDir)) live.set(key, value);
  const log = AppendLog.open<LogLine>(
    file,
    (line) => {
      for (const [key, ...value] of line) {
        if (value.length) live.set(key, value[0]);
        else live.delete(key);
      }
    },
    function* () {
      for (const [key, value] of live) yield [[key, value]];
    },
    disk ? { disk } : {},
  );
  if (importing) renameSync(legacyDir, `${legacyDir}.imported`);
  await store.batch([...live].map(([key, value]) => ({ type: 'put' as const, key, value })));
  live.clear();
  // Listening only now: the replay above is not written again.
  let held: string[] | undefined;
  store.on('write', (operations) => {
    const written = operations.map((operation) =>
      operation.type === 'put'
        ? `[${JSON.stringify(operation.key)},${Buffer.from(operation.encodedValue!).toString('utf8')}]`
        : `[${JSON.stringify(operation.key)}]`,
    );
    if (held) held.push(...written);
    else log.appendLine(`[${written.join(',')}]`);
  });
  return {
    durable: () => log.durable(),
    unavailable: () => log.unavailable(),
    async atomically(work) {
      held = [];
      try {
        const { result, commit } = await work();
        if (commit && held.length > 0) log.appendLine(`[${held.join(',')}]`);
        return result;
      } finally {
        held = undefined;
      }
    },
    close: () => log.close(),
  };
}

/** Every entry of a LevelDB database that dynalite wrote (its `level` dependency reads it). */
async function* readLevelDb(dir: string): AsyncGenerator<[string, unknown]> {
  const dynalite = createRequire(import.meta.url).resolve('dynalite');
  const { Level } = createRequire(dynalite)('level') as {
    Level: new (
      dir: string,
      options: { valueEncoding: 'json' },
    ) => {
      open(): Promise<void>;
      iterator(): AsyncIterable<[string, unknown]>;
      close(): Promise<void>;
    };
  };
  const db = new Level(dir, { valueEncoding: 'json' });
  try {
    await db.open();
  } catch (error) {
    throw new HomeInUse(
      `cannot read the table an earlier version kept in ${dir}: is an older broker still running on this home?`,
      { cause: error },
    );
  }
  try {
    yield* db.iterator();
  } finally {
    await db.close();
  }
}
