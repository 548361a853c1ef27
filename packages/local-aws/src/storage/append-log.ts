import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';

/** The disk refused a write (full, read-only, gone): the runtime refuses new work until it takes writes again. */
export class StorageUnavailable extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`the local broker cannot write ${file} (${(cause as Error)?.message ?? String(cause)})`, { cause });
    this.name = 'StorageUnavailable';
  }
}

/** A state file the runtime cannot read: it names the file, the line, and how to repair it. */
export class DamagedStateFile extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    repair: string,
  ) {
    super(`${file}: line ${line} is not JSON. ${repair}`);
    this.name = 'DamagedStateFile';
  }
}

/** How a write reaches the disk; tests put a full or failing disk here. */
export interface LogFileSystem {
  writeSync(fd: number, data: Buffer, offset: number, length: number): number;
  fsyncSync(fd: number): void;
}

const REAL_DISK: LogFileSystem = {
  writeSync: (fd, data, offset, length) => writeSync(fd, data, offset, length),
  fsyncSync,
};

// After a failed write, how long before the next write tries the disk again.
const RETRY_AFTER_MS = 1_000;

/**
 * What the local runtime keeps on disk, as a log of JSON lines. Appends are grouped: every line appended in
 * one turn of the event loop is written and fsynced at once (group commit), and `durable()` resolves when
 * everything appended so far is on disk, so a caller acknowledges only what a kill -9 or a power cut cannot
 * take back. A short write is completed; a failed one (ENOSPC) is cut off the file again, kept in memory and
 * retried, and `durable()` rejects with StorageUnavailable meanwhile: the file never holds half a line.
 * Opening replays the log and compacts it into one line per live entry. A torn last line (a write cut short by
 * a crash) is skipped; a damaged line anywhere else stops the start with a DamagedStateFile naming it.
 */
export class AppendLog<T> {
  private readonly fd: number;
  private size: number;
  private pending: string[] = [];
  private flushed: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  failure: StorageUnavailable | undefined;

  private constructor(
    private readonly file: string,
    private readonly disk: LogFileSystem,
  ) {
    this.fd = openSync(file, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /**
   * Replays every entry into `apply`, then rewrites the log as `snapshot()` returns it (what is live now).
   */
  static open<T>(
    file: string,
    apply: (entry: T) => void,
    snapshot: () => Iterable<T>,
    options: { repair?: string; disk?: LogFileSystem } = {},
  ): AppendLog<T> {
    if (existsSync(file)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      for (const [index, line] of lines.entries()) {
        if (!line) continue;
        let entry: T;
        try {
          entry = JSON.parse(line) as T;
        } catch {
          if (index === lines.length - 1) break; // a write cut short: it never reached its newline
          throw new DamagedStateFile(file, index + 1, options.repair ?? repairAdvice(file));
        }
        apply(entry);
      }
    }
    writeLines(`${file}.tmp`, snapshot());
    renameSync(`${file}.tmp`, file);
    return new AppendLog<T>(file, options.disk ?? REAL_DISK);
  }

  append(entry: T) {
    this.appendLine(JSON.stringify(entry));
  }

  /** An entry its writer serialised already (one JSON value, no newline). Durable once `durable()` resolves. */
  appendLine(json: string) {
    this.pending.push(`${json}\n`);
  }

  /**
   * Why the disk refuses writes, while it does: a writer refuses new work rather than pile it up in memory.
   * What it refused is retried in the background, and this clears once it is written.
   */
  unavailable(): StorageUnavailable | undefined {
    return this.failure;
  }

  /** Resolves once everything appended so far is written and fsynced; rejects while the disk refuses it. */
  durable(): Promise<void> {
    this.flushed ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.flushed = undefined;
        try {
          this.flush();
          resolve();
        } catch (error) {
          reject(error);
        }
      }),
    );
    return this.flushed;
  }

  /** Writes what is pending now, synchronously (a clean stop). */
  flush() {
    if (this.pending.length === 0) return;
    const data = Buffer.from(this.pending.join(''));
    try {
      for (let written = 0; written < data.length;)
        written += this.disk.writeSync(this.fd, data, written, data.length - written);
      this.disk.fsyncSync(this.fd);
    } catch (error) {
      // Never leave half a line behind: cut the file back to its last whole line, and keep the lines to retry.
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // The disk refuses even that: the next start skips a torn last line anyway.
      }
      this.failure = new StorageUnavailable(this.file, error);
      this.retryLater();
      throw this.failure;
    }
    this.size += data.length;
    this.pending = [];
    this.failure = undefined;
  }

  private retryLater() {
    this.retry ??= setTimeout(() => {
      this.retry = undefined;
      try {
        this.flush();
      } catch {
        // Still refused: flush() has armed the next retry.
      }
    }, RETRY_AFTER_MS);
    this.retry.unref();
  }

  /** Writes what it can and closes; what a full disk refuses now is lost, as it was never acknowledged. */
  close() {
    clearTimeout(this.retry);
    try {
      this.flush();
    } catch {
      // Nothing appended here was acknowledged while the disk refused it.
    } finally {
      closeSync(this.fd);
    }
  }
}

function repairAdvice(file: string): string {
  return `Keep a copy, then run \`npm run repair-home -- ${file}\`: it keeps every readable line and sets the damaged ones aside in ${file}.damaged.`;
}

function writeLines(file: string, entries: Iterable<unknown>) {
  const fd = openSync(file, 'w', 0o600);
  try {
    let chunk = '';
    for (const entry of entries) {
      chunk += `${JSON.stringify(entry)}\n`;
      if (chunk.length > 1 << 20) {
        writeAll(fd, chunk);
        chunk = '';
      }
    }
    writeAll(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, text: string) {
  const data = Buffer.from(text);
  for (let written = 0; written < data.length;)
    written += writeSync(fd, data, written, data.length - written);
}
