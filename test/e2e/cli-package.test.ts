import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from './support/cli-process';

const run = promisify(execFile);
const { bin, tarball } = inject('installedCli');
const broker = (...args: string[]) => runCli(args, { BROKER_HOME: '/nonexistent' });
const hasShell = async (shell: string) =>
  run('sh', ['-c', `command -v ${shell}`]).then(
    () => true,
    () => false,
  );

/**
 * The CLI as a user gets it: packed, installed globally into a fresh prefix (test/setup/packed-cli.ts). Signing
 * in with it against a local broker is in sign-in.test.ts, and every other CLI test runs this same install.
 */
describe('the packed broker CLI', () => {
  it('is one bundle with no dependencies to fetch and no sources', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n');
    expect(files).toContain('package/dist/broker.cjs');
    expect(files).toContain('package/bin/broker.cjs');
    expect(files.filter((file) => !/^package\/(bin|dist)\/|^package\/package\.json$/.test(file))).toEqual([]);
    const { stdout: manifest } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
    const installed = JSON.parse(manifest);
    expect(installed.dependencies ?? {}).toEqual({});
    expect(installed.bin).toEqual({ broker: './bin/broker.cjs' });
  });

  it('says its version and its commands, marking what is required', async () => {
    const own = JSON.parse(
      await readFile(resolve(import.meta.dirname, '../../packages/cli/package.json'), 'utf8'),
    );
    expect(await broker('--version')).toMatchObject({ code: 0, stdout: `${own.version}\n` });
    const help = await broker('--help');
    expect(help.code).toBe(0);
    for (const command of ['request', 'approve', 'login', 'completion'])
      expect(help.stdout).toContain(command);
    const requestHelp = await broker('request', '--help');
    expect(requestHelp.stdout).toMatch(/--duration <iso> +ISO-8601 duration, e\.g\. PT2H \(required\)/);
    expect(requestHelp.stdout).toMatch(/--justification <text> +why \(required\)/);
    expect(requestHelp.stdout).not.toMatch(/--profile <name>.*\(required\)/);
  });

  it('reports every usage error at once, suggests the command meant, and never dumps the whole help', async () => {
    const missing = await broker('request', '--profile', 's3-audit-read');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error: required option '--duration <iso>' not specified");
    expect(missing.stderr).toContain("error: required option '--justification <text>' not specified");
    expect(missing.stderr).toContain('error: name the third party: --principal or --vendor');
    expect(missing.stdout).toBe('');
    const typo = await broker('aprove', '01abc');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown command 'aprove'\n\(Did you mean approve\?\)/);
    expect(typo.stderr).not.toContain('Commands:');
  });

  it('completes commands, subcommands, options and their values in bash', async () => {
    const script = (await broker('completion', 'bash')).stdout;
    const complete = async (...words: string[]) => {
      const { stdout } = await run('bash', [
        '-c',
        `source /dev/stdin <<'SCRIPT'\n${script}\nSCRIPT\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _broker; echo "\${COMPREPLY[*]}"`,
      ]);
      return stdout.trim();
    };
    expect(await complete('broker', 'ap')).toBe('approve');
    expect(await complete('broker', 'vendor', 's')).toBe('show suspend');
    expect(await complete('broker', 'request', '--just')).toBe('--justification');
    expect(await complete('broker', '--as', 'approver')).toBe('approver approver2');
    // A global option's value is not taken for a command.
    expect(await complete('broker', '--api-url', 'http://x', 'li')).toBe('list');
    expect((await broker('completion', 'tcsh')).code).toBe(2);
  });

  it.each(['zsh', 'fish'])('prints a %s completion script the shell parses', async (shell) => {
    const script = (await broker('completion', shell)).stdout;
    expect(script).toContain('approve');
    // Checked where the shell is installed (this machine's CI image has bash only).
    if (!(await hasShell(shell))) return;
    const check = shell === 'zsh' ? ['-n'] : ['--no-execute'];
    await run('sh', ['-c', `${shell} ${check.join(' ')} /dev/stdin <<'SCRIPT'\n${script}\nSCRIPT`]);
    if (shell === 'fish') {
      const { stdout } = await run('fish', [
        '-c',
        `${bin} completion fish | source; complete -C 'broker vendor s'`,
      ]);
      expect(stdout).toMatch(/^show\t/m);
      expect(stdout).toMatch(/^suspend\t/m);
    }
  });
});
