import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installPackedCli } from '../../packages/cli/scripts/install-packed';
import { type Figure, percentile, round, timed } from './measure';

const run = promisify(execFile);
const TARGET_MS = 150;

/**
 * What a person waits for before `broker` answers: the installed CLI (packed, `npm install -g`) running
 * `broker --version`, beside Node starting and doing nothing (`node -e 0`), alternated in the same run.
 */
export async function cliStart(runs: number): Promise<Figure> {
  const work = await mkdtemp(join(tmpdir(), 'broker-bench-cli-'));
  try {
    const { bin } = await installPackedCli(work);
    const cli: number[] = [];
    const node: number[] = [];
    for (let i = 0; i < runs; i++) {
      cli.push((await timed(() => run(bin, ['--version'])))[1]);
      node.push((await timed(() => run(process.execPath, ['-e', '0'])))[1]);
    }
    const p50 = percentile(cli, 50);
    const nodeP50 = percentile(node, 50);
    return {
      figure: `CLI start, installed \`broker --version\` (${runs} runs) vs \`node -e 0\``,
      measured: `p50 ${round(p50)} ms, p99 ${round(percentile(cli, 99))} ms; node -e 0 p50 ${round(nodeP50)} ms (+${round(p50 - nodeP50)} ms)`,
      target: `p50 ≤ ${TARGET_MS} ms`,
      ok: p50 <= TARGET_MS,
      values: { p50Ms: round(p50), p99Ms: round(percentile(cli, 99)), nodeP50Ms: round(nodeP50) },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
