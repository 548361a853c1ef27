import type { Logger } from '@aws-lambda-powertools/logger';
import type { BrokerContext, EventPublisher, RoleInventory } from '@access-broker/core';

/** What every handler is built from: the core's ports plus what only the edges need. */
export interface HandlerDeps extends BrokerContext {
  /** The event bus (the outbox publishes to it). */
  publisher: EventPublisher;
  /** Every role of the accounts the broker reaches (the external access inventory). */
  inventory: RoleInventory;
  logger: Logger;
  /** Fetched on first use: only the Slack route verifies signatures. */
  slack: { signingSecret: () => Promise<string> };
}
