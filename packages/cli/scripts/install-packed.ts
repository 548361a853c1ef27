import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI_PACKAGE = resolve(import.meta.dirname, '..');

/**
 * The CLI as a user installs it: `npm pack` (its prepack bundles it), then `npm install --global` of that
 * tarball into `prefix`, offline — the package must need nothing from the registry. For the tests and the bench.
 */
export async function installPackedCli(
  work: string,
): Promise<{ bin: string; tarball: string; prefix: string }> {
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
  return { bin: join(prefix, 'bin', 'broker'), tarball, prefix };
}
