import '../packages/local/src/runtime/sdk-node-notice';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { bundleSizes, initTimes } from './figures/bundles';
import { createLatency, expiryLag, grantFigures, throttledIamCalls } from './figures/broker';
import { burstExpiryLag } from './figures/burst';
import { cliStart } from './figures/cli';
import { consoleFirstLoad, consoleSize } from './figures/console';
import { costFigures } from './figures/cost';
import type { Figure } from './figures/measure';
import { reconcileReads } from './figures/reconcile';
import { sweeperScaling } from './figures/sweeper';

// `npm run bench` before a release (minutes); `npm run bench -- --quick` in CI (seconds). Targets are
// reported, never asserted: a miss is printed and recorded, the run still succeeds.
const quick = process.argv.includes('--quick');
const sizes = quick
  ? {
      grants: 5,
      seconds: 2,
      floorCalls: 50,
      lagGrants: 10,
      burst: { grants: 100, duration: 'PT25S' },
      small: 1_000,
      large: 10_000,
      initRuns: 2,
      roles: 1_000,
      cliRuns: 10,
      consoleLoads: 5,
    }
  : {
      grants: 30,
      seconds: 10,
      floorCalls: 200,
      lagGrants: 100,
      burst: { grants: 500, duration: 'PT50S' },
      small: 10_000,
      large: 100_000,
      initRuns: 10,
      roles: 5_000,
      cliRuns: 40,
      consoleLoads: 20,
    };
const SWEEP_INTERVAL_MS = 5_000;

const figures: Figure[] = [];
const step = async (name: string, work: () => Promise<Figure | Figure[]>) => {
  const started = Date.now();
  figures.push(...[await work()].flat());
  console.error(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

const started = Date.now();
await step('IAM calls, approve → ACTIVE, transitions', () => grantFigures(sizes.grants));
await step('cost per grant', () => costFigures(sizes.grants));
await step('IAM under throttling', () => throttledIamCalls(sizes.grants));
await step('create-request load', () => createLatency(sizes.seconds, sizes.floorCalls));
await step('expiry lag', () => expiryLag(sizes.lagGrants, SWEEP_INTERVAL_MS));
await step('burst expiry', () => burstExpiryLag(sizes.burst.grants, sizes.burst.duration));
await step('sweeper scaling', () => sweeperScaling(sizes.small, sizes.large));
await step('reconcile reads', () => reconcileReads(sizes.roles));
await step('CLI start', () => cliStart(sizes.cliRuns));
await step('console size', consoleSize);
await step('console first load', () => consoleFirstLoad(sizes.consoleLoads));
const { figure: bundleFigure, bundles } = await bundleSizes();
figures.push(bundleFigure);
await step('module init', async () => initTimes(bundles, sizes.initRuns));

const mark = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'met' : '**missed**');
const table = [
  `| figure | measured | target | |`,
  `|---|---|---|---|`,
  ...figures.map(
    (figure) => `| ${figure.figure} | ${figure.measured} | ${figure.target} | ${mark(figure.ok)} |`,
  ),
].join('\n');
console.log(
  `\n${table}\n\nmode: ${quick ? 'quick' : 'full'}; ${cpus().length} cores; node ${process.version}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
mkdirSync('bench', { recursive: true });
writeFileSync(
  quick ? 'bench/.out/results-quick.json' : 'bench/results.json',
  `${JSON.stringify({ mode: quick ? 'quick' : 'full', at: new Date().toISOString(), node: process.version, cores: cpus().length, figures }, null, 2)}\n`,
);
process.exit(0);
