import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppendLog, DamagedStateFile, type LogFileSystem, StorageUnavailable } from './append-log';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'append-log-'));
  file = join(dir, 'state.jsonl');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const open = (entries: number[] = [], disk?: LogFileSystem) =>
  AppendLog.open<number>(
    file,
    (entry) => entries.push(entry),
    () => entries,
    disk ? { disk } : {},
  );
const lines = () => readFileSync(file, 'utf8');

/** A disk with room for `room` more bytes, that writes at most `chunk` bytes per call (short writes). */
function smallDisk(room: number, chunk = Infinity): LogFileSystem & { room: number } {
  const disk = {
    room,
    writeSync(fd: number, data: Buffer, offset: number, length: number) {
      if (disk.room <= 0)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      const n = Math.min(length, chunk, disk.room);
      disk.room -= n;
      return writeSync(fd, data, offset, n);
    },
    fsyncSync() {},
  };
  return disk;
}

describe('AppendLog', () => {
  it('writes what one turn appends in one group, and acknowledges it once on disk', async () => {
    const log = open();
    log.append(1);
    log.append(2);
    expect(lines()).toBe('');
    await log.durable();
    expect(lines()).toBe('1\n2\n');
    log.close();
  });

  it('completes short writes', async () => {
    const log = open([], smallDisk(1_000, 3));
    for (let n = 100; n < 110; n++) log.append(n);
    await log.durable();
    expect(lines()).toBe(`${Array.from({ length: 10 }, (_, i) => 100 + i).join('\n')}\n`);
  });

  it('on a full disk: refuses with StorageUnavailable, leaves no torn line, and catches up once there is room', async () => {
    const disk = smallDisk(6);
    const log = open([], disk);
    log.append(1);
    await log.durable();
    log.append(123456);
    const refused = await log.durable().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StorageUnavailable);
    expect((refused as Error).message).toMatch(/cannot write .*state\.jsonl \(ENOSPC/);
    expect(lines()).toBe('1\n');
    expect(log.unavailable()).toBeInstanceOf(StorageUnavailable);
    disk.room = 1_000;
    log.append(7);
    await log.durable();
    expect(lines()).toBe('1\n123456\n7\n');
    expect(log.unavailable()).toBeUndefined();
    log.close();
    const replayed: number[] = [];
    open(replayed).close();
    expect(replayed).toEqual([1, 123456, 7]);
  });

  it('skips a torn last line, and stops on a damaged one elsewhere naming the file, the line and the repair', () => {
    writeFileSync(file, '1\n2\n{"torn');
    const kept: number[] = [];
    open(kept).close();
    expect(kept).toEqual([1, 2]);
    appendFileSync(file, 'garbage\n3\n');
    const error = (() => {
      try {
        open();
      } catch (thrown) {
        return thrown as DamagedStateFile;
      }
    })();
    expect(error).toBeInstanceOf(DamagedStateFile);
    expect(error?.message).toMatch(
      /state\.jsonl: line 3 is not JSON\. .*npm run repair-home -- .*state\.jsonl/,
    );
  });
});
