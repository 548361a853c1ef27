import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BUNDLED_SDK_HELPERS, esbuildOptions } from '@access-broker/functions';
import { ENV_NAMES } from '../../packages/functions/src/runtime/lambda-env';
import { type Figure, median, round } from './measure';

const ROOT = resolve(import.meta.dirname, '../..');
const LAMBDA_DIR = join(ROOT, 'packages/functions/src/lambda');
const OUT = join(ROOT, 'bench/.out');
const LIMIT_KB = 400;
const INIT_BUDGET_MS = 100;

/** Each handler bundled exactly as the stack bundles it (SDK v3 external, minified ESM). */
export async function bundleSizes(): Promise<{ figure: Figure; bundles: Record<string, string> }> {
  mkdirSync(OUT, { recursive: true });
  const sizes: Record<string, number> = {};
  const bundles: Record<string, string> = {};
  for (const file of readdirSync(LAMBDA_DIR)
    .filter((name) => name.endsWith('.ts'))
    .sort()) {
    const name = file.replace(/\.ts$/, '');
    const outfile = join(OUT, `${name}.mjs`);
    const result = await build({
      ...esbuildOptions,
      external: esbuildOptions.external.filter((entry) => !BUNDLED_SDK_HELPERS.includes(entry)),
      entryPoints: [join(LAMBDA_DIR, file)],
      outfile,
      metafile: true,
      logLevel: 'error',
    });
    sizes[name] = Object.values(result.metafile.outputs)[0]!.bytes / 1024;
    bundles[name] = outfile;
  }
  const largest = Math.max(...Object.values(sizes));
  const worst = Object.entries(sizes).sort((a, b) => b[1] - a[1])[0]!;
  return {
    bundles,
    figure: {
      figure: `Lambda bundle size (${Object.keys(sizes).length} handlers, minified)`,
      measured: `max ${round(largest)} KB (${worst[0]}), median ${round(median(Object.values(sizes)))} KB`,
      target: `≤ ${LIMIT_KB} KB each`,
      ok: largest <= LIMIT_KB,
      values: Object.fromEntries(Object.entries(sizes).map(([name, kb]) => [name, round(kb)])),
    },
  };
}

/**
 * Module init: fresh `node` processes import each bundle and report the import time, next to an empty
 * module imported the same way. Environment as in Lambda, minus network (no SSM secrets to fetch).
 */
export function initTimes(bundles: Record<string, string>, runs: number): Figure {
  const empty = join(OUT, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const env = {
    ...process.env,
    ...Object.fromEntries(
      Object.values(ENV_NAMES).map((name) => [
        name,
        `arn:aws:local:us-east-1:123456789012:${name.toLowerCase()}`,
      ]),
    ),
    AWS_REGION: 'us-east-1',
    BROKER_CONFIG_FILE: join(ROOT, 'config/production.example.json'),
    BROKER_PERMISSIONS_BOUNDARY_NAME: 'access-broker-boundary-bench',
    // SST's bound-secret variables carrying values directly, so no SSM fetch happens at import.
    SST_APP: 'access-broker',
    SST_STAGE: 'bench',
    SST_Secret_value_SLACK_BOT_TOKEN: 'xoxb-bench',
    SST_Secret_value_SLACK_SIGNING_SECRET: 'bench-signing-secret',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
  const importMs = (file: string) => {
    const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr}`);
    return Number(result.stdout.trim().split('\n').at(-1));
  };
  const baseline = median(Array.from({ length: runs }, () => importMs(empty)));
  const over: Record<string, number> = {};
  for (const [name, file] of Object.entries(bundles))
    over[name] = median(Array.from({ length: runs }, () => importMs(file))) - baseline;
  const worst = Object.entries(over).sort((a, b) => b[1] - a[1])[0]!;
  return {
    figure: `Module init over an empty module (median of ${runs} fresh processes)`,
    measured: `max +${round(worst[1])} ms (${worst[0]}), median +${round(median(Object.values(over)))} ms; empty module ${round(baseline, 2)} ms`,
    target: `≤ ${INIT_BUDGET_MS} ms over the baseline`,
    ok: worst[1] <= INIT_BUDGET_MS,
    values: {
      baselineMs: round(baseline, 2),
      ...Object.fromEntries(Object.entries(over).map(([name, ms]) => [name, round(ms)])),
    },
  };
}
