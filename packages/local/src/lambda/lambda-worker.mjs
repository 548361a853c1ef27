/* global process */
// One Lambda execution environment: imports the function's bundle (its cold start) and runs invocations.
// Plain JavaScript, so the worker runs the bundle exactly as Lambda's Node runtime would, with no loader.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

// The Node 22 runtime the functions deploy to prints no SDK end-of-support notice; Node 20 here would.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  if (String(warning).includes('upgrade to node >=22')) return;
  emitWarning(warning, ...rest);
};

// Fault injection: this function's clock is off by clockSkewMs (its timers are not: they measure durations).
if (workerData.clockSkewMs) {
  const RealDate = Date;
  const skew = workerData.clockSkewMs;
  globalThis.Date = class SkewedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + skew);
      else super(...args);
    }
    static now() {
      return RealDate.now() + skew;
    }
  };
}

const errorOf = (error) => ({
  errorType: error?.name ?? 'Error',
  errorMessage: error?.message ?? String(error),
});

let handler;
try {
  const module = await import(pathToFileURL(workerData.bundle).href);
  handler = module[workerData.handlerExport];
  if (typeof handler !== 'function') throw new Error(`the bundle exports no ${workerData.handlerExport}`);
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ initError: errorOf(error) });
}

parentPort.on('message', async ({ id, event, context }) => {
  const deadline = Date.now() + context.timeoutMs;
  try {
    const result = await handler(event, {
      ...context,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    });
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: errorOf(error) });
  }
});
