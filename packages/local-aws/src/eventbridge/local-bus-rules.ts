import { matchesPattern } from './event-pattern';
import type { DeliveredEvent } from './local-eventbridge';

export interface BusRule {
  /** The rule's event pattern, exactly as the stack deploys it. */
  pattern: Record<string, unknown>;
  /** Invokes the rule's target function with the event as EventBridge delivers it. */
  invoke(event: Record<string, unknown>): Promise<unknown>;
}

/**
 * One bus's rules with Lambda targets, as the stack declares them: a matching event is delivered
 * asynchronously; a failed delivery is retried with backoff and, when every attempt failed, dead-lettered
 * (logged). AWS retries for up to six hours; here the backoff is short, so tests see the outcome.
 */
export class LocalBusRules {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly rules: BusRule[],
    private readonly options: {
      region: string;
      deadLetter: (event: DeliveredEvent, error: unknown) => void;
      backoffMs?: readonly number[];
    },
  ) {}

  route(event: DeliveredEvent) {
    const envelope = {
      version: '0',
      id: event.id,
      'detail-type': event.detailType,
      source: event.source,
      account: event.account,
      time: event.time,
      region: this.options.region,
      resources: [],
      detail: event.detail,
    };
    for (const rule of this.rules.filter((candidate) => matchesPattern(candidate.pattern, envelope))) {
      const delivery = this.deliver(rule, envelope, event).finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  /** Resolves once every delivery so far has succeeded or been dead-lettered. */
  async idle() {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async deliver(rule: BusRule, envelope: Record<string, unknown>, event: DeliveredEvent) {
    const backoff = this.options.backoffMs ?? [100, 500, 2_000];
    for (let attempt = 0; ; attempt++) {
      try {
        await rule.invoke(envelope);
        return;
      } catch (error) {
        if (attempt >= backoff.length) return this.options.deadLetter(event, error);
        await new Promise((resolve) => setTimeout(resolve, backoff[attempt]));
      }
    }
  }
}
