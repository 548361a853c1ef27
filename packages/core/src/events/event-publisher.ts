import type { BrokerEvent } from './broker-events';
import type { VendorEvent } from './vendor-events';

/** Publishes domain events (EventBridge in AWS). Fed by the outbox, never called alongside a state write. */
export interface EventPublisher {
  publish(events: readonly (BrokerEvent | VendorEvent)[]): Promise<void>;
}
