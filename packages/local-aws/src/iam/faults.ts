/** Per-action fault probabilities; `*` applies to every action not named. */
interface FaultRule {
  throttle?: number;
  /** IAM's quota answer (`LimitExceeded`), as when an account holds all the roles it may. */
  limitExceeded?: number;
  serverError?: number;
  latencyMs?: number;
  /** Exact outcomes for the next calls, in order (`ok` = no fault), before the probabilities apply. */
  script?: (Fault | 'ok')[];
}

export interface FaultPlan {
  seed?: number;
  rules: Record<string, FaultRule>;
}

export type Fault = 'throttle' | 'limit-exceeded' | 'error-before' | 'error-after';

/**
 * Seeded fault injection and per-action call counters for the local IAM/STS. A server error strikes either
 * before the action takes effect or after it (the response is lost), as a real retry would meet both.
 */
export class FaultInjector {
  readonly calls = new Map<string, number>();
  readonly injected = new Map<string, number>();
  private plan: FaultPlan = { rules: {} };
  private random = seededRandom(1);

  configure(plan: FaultPlan | undefined) {
    this.plan = plan ?? { rules: {} };
    this.random = seededRandom(this.plan.seed ?? 1);
  }

  resetCounters() {
    this.calls.clear();
    this.injected.clear();
  }

  count(action: string) {
    this.calls.set(action, (this.calls.get(action) ?? 0) + 1);
  }

  async decide(action: string): Promise<Fault | undefined> {
    const rule = this.plan.rules[action] ?? this.plan.rules['*'];
    if (!rule) return undefined;
    if (rule.latencyMs) await new Promise((resolve) => setTimeout(resolve, rule.latencyMs));
    const scripted = rule.script?.shift();
    if (scripted) return this.record(scripted === 'ok' ? undefined : scripted);
    const roll = this.random();
    const throttle = rule.throttle ?? 0;
    const limitExceeded = rule.limitExceeded ?? 0;
    const serverError = rule.serverError ?? 0;
    let fault: Fault | undefined;
    if (roll < throttle) fault = 'throttle';
    else if (roll < throttle + limitExceeded) fault = 'limit-exceeded';
    else if (roll < throttle + limitExceeded + serverError)
      fault = this.random() < 0.5 ? 'error-before' : 'error-after';
    return this.record(fault);
  }

  private record(fault: Fault | undefined): Fault | undefined {
    if (fault) this.injected.set(fault, (this.injected.get(fault) ?? 0) + 1);
    return fault;
  }
}

/** A seeded generator (mulberry32), so a run with faults can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
