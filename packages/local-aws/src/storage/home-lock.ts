import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Homes held by a broker running in this process. */
const held = new Set<string>();

export class HomeInUse extends Error {}

/**
 * One broker per home: the stores append to logs that each start compacts, so a second broker on the same home
 * would cut the first one's writes off. The lock file names its holder's pid; a lock left by a process that
 * is gone (killed, crashed) is taken over.
 */
export function lockHome(home: string): { release(): void } {
  const file = join(home, 'broker.pid');
  const refuse = (pid: number) =>
    new HomeInUse(
      `another local broker (pid ${pid}) is using ${home}: stop it, or give this one another BROKER_HOME`,
    );
  if (held.has(home)) throw refuse(process.pid);
  // Created exclusively, so of two brokers starting at once only one gets it.
  const take = () => writeFileSync(file, `${process.pid}\n`, { mode: 0o600, flag: 'wx' });
  try {
    take();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number.parseInt(readIfPresent(file) ?? '', 10);
    if (holder !== process.pid && isAlive(holder)) throw refuse(holder);
    rmSync(file, { force: true });
    try {
      take();
    } catch {
      throw refuse(Number.parseInt(readIfPresent(file) ?? '', 10));
    }
  }
  held.add(home);
  return {
    release() {
      if (!held.delete(home)) return;
      rmSync(file, { force: true });
    },
  };
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
