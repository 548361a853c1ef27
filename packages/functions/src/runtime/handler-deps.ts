import type { Logger } from '@aws-lambda-powertools/logger';
import type { BrokerContext } from '@access-broker/core';

/** What every handler is built from: the core's ports plus what only the edges need. */
export interface HandlerDeps extends BrokerContext {
  logger: Logger;
  slack: { signingSecret: string };
}
