import { cpus } from 'node:os';
import type { LocalBroker } from '@access-broker/local';
import { type Figure, round } from './measure';

/**
 * Why the throughput is what it is: the CPU each request costs on this machine, and how it splits between the
 * local AWS (with the API) and the functions, by each thread's share of the busy time.
 */
export function cpuFigure(spent: { cpuMs: number; busyMs: Record<string, number> }): Figure {
  const cores = cpus().length;
  const total = Object.values(spent.busyMs).reduce((sum, ms) => sum + ms, 0);
  const share = (ms: number) => ms / total;
  const functionsMs = spent.cpuMs * (1 - share(spent.busyMs[LOCAL_AWS] ?? 0));
  return {
    figure:
      'CPU per created request, its workflow step and outbox batch included (share of busy time per thread)',
    measured: `${round(spent.cpuMs, 2)} ms → at most ${round((cores * 1000) / spent.cpuMs)} req/s on ${cores} cores; ${Object.entries(
      spent.busyMs,
    )
      .map(([thread, ms]) => `${thread} ${round(share(ms) * 100)}%`)
      .join(
        ', ',
      )}: the functions alone (≈ ${round(functionsMs, 2)} ms) allow ${round((cores * 1000) / functionsMs)} req/s`,
    target: 'report (why the throughput is what it is)',
    values: {
      cpuMs: round(spent.cpuMs, 2),
      functionsCpuMs: round(functionsMs, 2),
      ...Object.fromEntries(Object.entries(spent.busyMs).map(([thread, ms]) => [`busyMs ${thread}`, ms])),
    },
  };
}

const LOCAL_AWS = 'local AWS and API';

/** Until no function is running and every stream batch and bus event is delivered. */
export async function settled(broker: LocalBroker) {
  for (let quiet = 0; quiet < 3;) {
    await broker.eventsDelivered();
    await new Promise((resolve) => setTimeout(resolve, 30));
    quiet = broker.lambda.inFlight() === 0 ? quiet + 1 : 0;
  }
}

/** Process CPU time, and each thread's busy time: the local AWS and API (main) and every function's worker. */
export function startCpuCount(broker: LocalBroker) {
  const cpu = process.cpuUsage();
  const main = performance.eventLoopUtilization();
  const before = broker.lambda.threadBusyMs();
  return {
    stop(requests: number) {
      const { user, system } = process.cpuUsage(cpu);
      const busyMs: Record<string, number> = {
        [LOCAL_AWS]: round(performance.eventLoopUtilization(main).active / requests, 2),
      };
      for (const [name, ms] of broker.lambda.threadBusyMs()) {
        const per = (ms - (before.get(name) ?? 0)) / requests;
        if (per >= 0.05) busyMs[name.replace(/^.*?-access-broker-/, '')] = round(per, 2);
      }
      return { cpuMs: (user + system) / 1000 / requests, busyMs };
    },
  };
}
