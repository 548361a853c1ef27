import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/**
 * What the local runtime keeps on disk, as a log of JSON lines: each change is one line appended with a
 * synchronous write before the change is acknowledged, so a killed process loses nothing it answered for.
 * Opening replays the log and then compacts it into one line per live entry, so it stays as large as the
 * state it holds, whatever the churn of the previous run. A torn last line (a write cut short) is skipped.
 */
export class AppendLog<T> {
  private readonly fd: number;

  private constructor(file: string) {
    this.fd = openSync(file, 'a', 0o600);
  }

  /**
   * Replays every entry into `apply`, then rewrites the log as `snapshot()` returns it (what is live now).
   */
  static open<T>(file: string, apply: (entry: T) => void, snapshot: () => Iterable<T>): AppendLog<T> {
    if (existsSync(file)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      for (const [index, line] of lines.entries()) {
        if (!line) continue;
        let entry: T;
        try {
          entry = JSON.parse(line) as T;
        } catch (error) {
          if (index === lines.length - 1) break; // a write cut short: it never reached its newline
          throw new Error(`${file}: line ${index + 1} is not JSON`, { cause: error });
        }
        apply(entry);
      }
    }
    writeLines(`${file}.tmp`, snapshot());
    renameSync(`${file}.tmp`, file);
    return new AppendLog<T>(file);
  }

  append(entry: T) {
    this.appendLine(JSON.stringify(entry));
  }

  /** An entry its writer serialised already (one JSON value, no newline). */
  appendLine(json: string) {
    writeSync(this.fd, `${json}\n`);
  }

  close() {
    closeSync(this.fd);
  }
}

function writeLines(file: string, entries: Iterable<unknown>) {
  const fd = openSync(file, 'w', 0o600);
  try {
    let chunk = '';
    for (const entry of entries) {
      chunk += `${JSON.stringify(entry)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
