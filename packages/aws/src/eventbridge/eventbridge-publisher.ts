import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { BrokerEvent, EventPublisher, VendorEvent } from '@access-broker/core';

// PutEvents takes at most 10 entries per call.
const BATCH = 10;
const ATTEMPTS = 3;

export class EventPublishError extends Error {
  constructor(readonly failedEventIds: string[]) {
    super(`EventBridge refused ${failedEventIds.length} event(s) after ${ATTEMPTS} attempts`);
    this.name = 'EventPublishError';
  }
}

/**
 * Publishes broker events to the custom bus. PutEvents can accept a batch yet refuse single entries
 * (FailedEntryCount): those are retried, and anything still refused is an error for the outbox to retry.
 */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly eventBridge: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async publish(events: readonly (BrokerEvent | VendorEvent)[]): Promise<void> {
    for (let start = 0; start < events.length; start += BATCH) {
      let pending = events.slice(start, start + BATCH);
      for (let attempt = 1; pending.length > 0; attempt++) {
        const { Entries = [] } = await this.eventBridge.send(
          new PutEventsCommand({ Entries: pending.map((event) => this.entry(event)) }),
        );
        const refused = pending.filter((_, i) => Entries[i]?.ErrorCode);
        if (refused.length > 0 && attempt >= ATTEMPTS)
          throw new EventPublishError(refused.map((event) => event.id));
        pending = refused;
      }
    }
  }

  private entry(event: BrokerEvent | VendorEvent): PutEventsRequestEntry {
    return {
      EventBusName: this.eventBusName,
      Source: event.source,
      DetailType: event.detailType,
      Time: new Date(event.time),
      // The detail carries the event id, so subscribers can deduplicate (EventBridge assigns its own id).
      Detail: JSON.stringify(event.detail),
    };
  }
}
