import type { BrokerEvent } from './broker-events';

/** Publishes domain events (EventBridge in AWS). Fed by the outbox, never called alongside a state write. */
export interface EventPublisher {
  publish(events: readonly BrokerEvent[]): Promise<void>;
}
