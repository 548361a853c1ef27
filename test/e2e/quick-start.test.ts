import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { quickStart } from '../../packages/local/src/runtime/quick-start';
import { type BrokerUnderTest, brokerForFile, statusOf } from './support/broker-under-test';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const current = brokerForFile();
let broker: BrokerUnderTest;
beforeEach(() => void (broker = current()));

/** The lines `npm start` tells a newcomer to paste, in order (comments dropped; signing in needs a browser). */
function pastedLines(text: string): string[] {
  const signIn = text.indexOf('People sign in');
  return text
    .slice(text.indexOf('Try it'), signIn < 0 ? undefined : signIn)
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

describe("npm start's quick start, pasted as printed", () => {
  it('works from another shell, twice in a row, and tells the truth about the session', async () => {
    const lines = pastedLines(quickStart(broker.description, broker.home));
    expect(lines).toHaveLength(6);
    const [exports, create, approve, read, assume] = lines as [string, string, string, string, string];
    // A fresh shell: nothing but what the printed lines export (BROKER_HOME included).
    const shell = (script: string) =>
      run('bash', ['-c', `set -euo pipefail; ${exports}; ${script}`], {
        cwd: ROOT,
        env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp' },
      });
    const ids: string[] = [];
    for (const _attempt of [1, 2]) {
      const { stdout } = await shell(`${create}`);
      const id = stdout.trim();
      expect(id).toMatch(/^[0-9a-z]+$/);
      expect(ids).not.toContain(id);
      ids.push(id);
      const approved = await shell(`ID=${id}; ${approve}`);
      expect(JSON.parse(approved.stdout).status).toBe('APPROVED');
    }
    const id = ids[0]!;
    await statusOf(broker, id, 'ACTIVE');
    const grant = JSON.parse((await shell(`ID=${id}; ${read}`)).stdout).grant;
    await broker.waitFor('the grant to be usable', async () =>
      Date.parse(grant.usableFrom) <= Date.now() ? true : undefined,
    );
    const assumed = await shell(`ID=${id}; ${assume}`);
    expect(assumed.stdout).toMatch(/with a wrong External ID: AccessDenied/);
    expect(assumed.stdout).toContain(`usable until ${grant.expiresAt}`);
  });
});
