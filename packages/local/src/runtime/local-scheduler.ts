import type { ExpiryScheduler } from '@access-broker/core';

// setTimeout's ceiling (about 24.8 days); longer waits are re-armed in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One-time expiry triggers as in-process timers, standing in for EventBridge Scheduler. They do not survive
 * a restart by themselves: the runtime re-arms them from the store at start, and the sweeper is the net.
 */
export class LocalExpiryScheduler implements ExpiryScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private fire: (requestId: string) => Promise<unknown> = async () => undefined;

  onFire(fire: (requestId: string) => Promise<unknown>) {
    this.fire = fire;
  }

  async scheduleExpiry(requestId: string, at: Date): Promise<void> {
    this.clear(requestId);
    const delay = at.getTime() - Date.now();
    const timer = setTimeout(
      () => {
        this.timers.delete(requestId);
        if (delay > MAX_TIMER_MS) void this.scheduleExpiry(requestId, at);
        else void this.fire(requestId).catch(() => undefined);
      },
      Math.min(Math.max(delay, 0), MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(requestId, timer);
  }

  async cancelExpiry(requestId: string): Promise<void> {
    this.clear(requestId);
  }

  /** Drops a schedule behind the broker's back, as a lost or deleted EventBridge schedule would (tests). */
  lose(requestId: string) {
    this.clear(requestId);
  }

  /** Fires a trigger now, as Scheduler would at its time (tests stage races with it). */
  fireNow(requestId: string): Promise<unknown> {
    this.clear(requestId);
    return this.fire(requestId);
  }

  has(requestId: string): boolean {
    return this.timers.has(requestId);
  }

  stop() {
    for (const id of [...this.timers.keys()]) this.clear(id);
  }

  private clear(requestId: string) {
    clearTimeout(this.timers.get(requestId));
    this.timers.delete(requestId);
  }
}
