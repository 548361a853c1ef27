import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
const CLI_PACKAGE = resolve(import.meta.dirname, '../../packages/cli');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `broker` command as a user installs it: packed, then `npm install -g` into a fresh prefix. */
    installedCli: { bin: string; tarball: string; prefix: string };
  }
}

/**
 * Every CLI test runs what ships: `npm pack` (which bundles the CLI), then a global install of that tarball into
 * a temporary prefix, offline — the package must need nothing from the registry.
 */
export default async function setup(project: TestProject) {
  const work = await mkdtemp(join(tmpdir(), 'broker-cli-'));
  const prefix = join(work, 'prefix');
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: CLI_PACKAGE });
  // The JSON follows whatever the prepack script printed.
  const [{ filename }] = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as [{ filename: string }];
  const tarball = join(work, filename);
  await run('npm', [
    'install',
    '--global',
    '--prefix',
    prefix,
    '--offline',
    '--no-audit',
    '--no-fund',
    tarball,
  ]);
  project.provide('installedCli', { bin: join(prefix, 'bin', 'broker'), tarball, prefix });
  return () => rm(work, { recursive: true, force: true });
}
