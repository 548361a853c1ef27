import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FUNCTIONS, type FunctionName, functionEnvironment } from '@access-broker/functions';
import { lambdaBundles, localResources } from '@access-broker/local';
import { type Figure, median, round } from './measure';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'bench/.out');
const LIMIT_KB = 400;
const INIT_BUDGET_MS = 60;

/** All the files of a function's package: its entry and the chunks it loads on first use. */
function packageBytes(entry: string): number {
  const directory = dirname(entry);
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((file) => statSync(join(directory, file)))
    .filter((stat) => stat.isFile())
    .reduce((sum, stat) => sum + stat.size, 0);
}

/** The bytes of a package's chunks whose name starts with `prefix`. */
function chunkBytes(entry: string, prefix: string): number {
  const chunks = join(dirname(entry), 'chunks');
  return readdirSync(chunks)
    .filter((file) => file.startsWith(prefix))
    .reduce((sum, file) => sum + statSync(join(chunks, file)).size, 0);
}

/** Each function's bundle exactly as the stack bundles it (the local runtime runs these same files). */
export async function bundleSizes(): Promise<{ figure: Figure; bundles: Record<string, string> }> {
  const bundles = await lambdaBundles();
  const sizes = Object.fromEntries(
    Object.entries(bundles).map(([name, file]) => [name, packageBytes(file) / 1024]),
  );
  const largest = Math.max(...Object.values(sizes));
  const worst = Object.entries(sizes).sort((a, b) => b[1] - a[1])[0]!;
  // The External ID strength dictionaries: a chunk of their own, loaded only when an ID is supplied.
  const dictionary = Object.fromEntries(
    Object.entries(bundles).map(([name, file]) => [name, chunkBytes(file, 'external-id-strength') / 1024]),
  );
  const withoutDictionary = Math.max(...Object.entries(sizes).map(([name, kb]) => kb - dictionary[name]!));
  return {
    bundles,
    figure: {
      figure: `Lambda package size, entry and chunks (${Object.keys(sizes).length} functions, minified)`,
      measured: `max ${round(largest)} KB (${worst[0]}: ${round(dictionary[worst[0]]!)} KB of it the External ID strength dictionaries, loaded only when an ID is supplied), median ${round(median(Object.values(sizes)))} KB; without that chunk max ${round(withoutDictionary)} KB`,
      target: `≤ ${LIMIT_KB} KB each`,
      ok: largest <= LIMIT_KB,
      values: Object.fromEntries(Object.entries(sizes).map(([name, kb]) => [name, round(kb)])),
    },
  };
}

/**
 * Module init: fresh `node` processes import each bundle and report the import time, next to an empty
 * module imported the same way. Each function gets only the environment its declaration gives it (as in
 * the stack), plus what Lambda sets; adapters and secrets load on first use, so nothing is fetched here.
 */
export function initTimes(bundles: Record<string, string>, runs: number): Figure {
  mkdirSync(OUT, { recursive: true });
  const empty = join(OUT, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const taskRoot = join(OUT, 'task-root');
  mkdirSync(taskRoot, { recursive: true });
  // The example config: what a deployment would copy next to each bundle.
  copyFileSync(join(ROOT, 'config/production.example.json'), join(taskRoot, 'config.json'));
  const resources = localResources({
    partition: 'aws',
    region: 'us-east-1',
    accountId: '123456789012',
    permissionsBoundaryName: 'access-broker-boundary-bench',
  });
  const importMs = (file: string, name?: FunctionName) => {
    const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        ...(name ? functionEnvironment(FUNCTIONS[name], resources) : {}),
        AWS_REGION: 'us-east-1',
        LAMBDA_TASK_ROOT: taskRoot,
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
      },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr}`);
    return Number(result.stdout.trim().split('\n').at(-1));
  };
  const baseline = median(Array.from({ length: runs }, () => importMs(empty)));
  const over: Record<string, number> = {};
  for (const [name, file] of Object.entries(bundles))
    over[name] = median(Array.from({ length: runs }, () => importMs(file, name as FunctionName))) - baseline;
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
