import { describe, expect, it } from 'vitest';
import type { RequestView } from './api-client';
import { waitForOutcome } from './wait-for-outcome';

/** A request that stays PENDING_APPROVAL until `decidedAfterMs` of simulated time, then is ACTIVE. */
function simulated(decidedAfterMs: number) {
  let now = 0;
  let reads = 0;
  const read = async () => {
    reads++;
    return { id: 'r1', status: now >= decidedAfterMs ? 'ACTIVE' : 'PENDING_APPROVAL' } as RequestView;
  };
  const sleep = async (ms: number) => {
    now += ms;
  };
  return { read, sleep, reads: () => reads, now: () => now };
}

describe('broker request --wait', () => {
  it('backs off to 15 s: a ten-minute approval costs at most 60 reads', async () => {
    const world = simulated(10 * 60_000);
    const realNow = Date.now;
    const start = realNow();
    Date.now = () => start + world.now();
    try {
      const request = await waitForOutcome(world.read, {
        id: 'r1',
        quiet: true,
        timeoutMs: 60 * 60_000,
        sleep: world.sleep,
      });
      expect(request.status).toBe('ACTIVE');
    } finally {
      Date.now = realNow;
    }
    expect(world.reads()).toBeLessThanOrEqual(60);
    // …and it notices the decision within one poll interval.
    expect(world.now()).toBeLessThan(10 * 60_000 + 15_000);
  });

  it('gives up at --timeout, leaving the request as it is', async () => {
    const world = simulated(Infinity);
    const realNow = Date.now;
    const start = realNow();
    Date.now = () => start + world.now();
    try {
      await expect(
        waitForOutcome(world.read, { id: 'r1', quiet: true, timeoutMs: 60_000, sleep: world.sleep }),
      ).rejects.toThrow(/gave up waiting: r1 is still PENDING_APPROVAL/);
    } finally {
      Date.now = realNow;
    }
    expect(world.now()).toBe(60_000);
  });
});
