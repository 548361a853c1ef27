import { gzipSync } from 'node:zlib';
import { buildConsole } from '@access-broker/console/build';
import { launchChromium } from '../../test/support/chromium';
import { startBench } from './broker';
import { type Figure, percentile, round, timed } from './measure';

const SIZE_TARGET_KB = 150;
const LOAD_TARGET_MS = 1000;

/** What a browser downloads for the console: the page, its script and its style sheet, gzipped. */
export async function consoleSize(): Promise<Figure> {
  const { files } = await buildConsole();
  const kb = (body: string) => gzipSync(body).length / 1024;
  const sizes = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, kb(file.body)]));
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  const script = Object.entries(sizes).find(([name]) => name.endsWith('.js'))?.[1] ?? 0;
  return {
    figure: 'Web console, gzipped (page + script + style sheet)',
    measured: `${round(total)} KB (script ${round(script)} KB, ${round(total - script)} KB the rest)`,
    target: `≤ ${SIZE_TARGET_KB} KB`,
    ok: total <= SIZE_TARGET_KB,
    values: { totalKb: round(total), scriptKb: round(script) },
  };
}

/**
 * The console's first load against the local broker `npm start` runs: a fresh browser context (nothing cached)
 * opens `consoleUrl` until the app has asked the API for the sign-in settings and offers "Sign in". The first
 * load of all also cold-starts the two functions that serve it; the others find them warm.
 */
export async function consoleFirstLoad(runs: number): Promise<Figure> {
  const bench = await startBench(60_000);
  const browser = await launchChromium();
  try {
    const loads: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      const [, ms] = await timed(async () => {
        await page.goto(bench.broker.description.consoleUrl);
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
      });
      loads.push(ms);
      await context.close();
    }
    const [cold, ...warm] = loads;
    const p50 = percentile(warm, 50);
    return {
      figure: `Web console first load, empty browser cache, against \`npm start\` (${runs} runs)`,
      measured: `p50 ${round(p50)} ms, p99 ${round(percentile(warm, 99))} ms; the very first (functions cold) ${round(cold!)} ms`,
      target: `p50 ≤ ${LOAD_TARGET_MS} ms`,
      ok: p50 <= LOAD_TARGET_MS,
      values: { p50Ms: round(p50), p99Ms: round(percentile(warm, 99)), coldMs: round(cold!) },
    };
  } finally {
    await browser.close();
    await bench.close();
  }
}
