import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HomeInUse, lockHome } from './home-lock';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'home-lock-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

describe('one local broker per home', () => {
  it('refuses a second broker while the first holds the home, and lets the next one in after release', () => {
    const lock = lockHome(home);
    expect(readFileSync(join(home, 'broker.pid'), 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockHome(home)).toThrow(HomeInUse);
    lock.release();
    lockHome(home).release();
  });

  it('refuses a home another live process holds, and takes over one whose holder is gone', () => {
    writeFileSync(join(home, 'broker.pid'), `${process.ppid}\n`);
    expect(() => lockHome(home)).toThrow(new RegExp(`pid ${process.ppid}`));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(home, 'broker.pid'), `${gone}\n`);
    const lock = lockHome(home);
    expect(readFileSync(join(home, 'broker.pid'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });
});
