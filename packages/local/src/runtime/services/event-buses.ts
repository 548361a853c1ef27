import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerEvent, VendorEvent } from '@access-broker/core';
import { LocalEventBridge } from '@access-broker/local-aws';
import { localEventRules } from '../local-event-rules';
import type { LocalStage } from './local-stage';

/**
 * EventBridge: the broker's bus, whose events are kept (in memory for tests, in `events.jsonl` for people)
 * and routed to the rules that target broker functions, and the default bus, where CloudTrail's records of
 * grant sessions land.
 */
export function startEventBuses(stage: LocalStage) {
  const { region, partition } = stage.config.broker;
  const events: BrokerEvent[] = [];
  const vendorEvents: VendorEvent[] = [];
  const eventsFile = join(stage.options.home, 'events.jsonl');
  const rules = localEventRules(stage.deployment.functions, stage.lambda, {
    region,
    partition,
    print: stage.print,
  });
  const eventBridge = new LocalEventBridge(stage.authority, {
    [stage.resources.eventBusName]: (event) => {
      const { account: _account, ...brokerEvent } = event;
      if ('vendorId' in event.detail) vendorEvents.push(brokerEvent as unknown as VendorEvent);
      else events.push(brokerEvent as unknown as BrokerEvent);
      appendFileSync(eventsFile, `${JSON.stringify(brokerEvent)}\n`, { mode: 0o600 });
      const { requestId, status, vendorId } = event.detail;
      stage.print(
        `[event] ${event.detailType} ${String(requestId ?? vendorId)}${status ? ` (${String(status)})` : ''}`,
      );
      rules.onBusEvent(event);
    },
    default: rules.onDefaultBusEvent,
  });
  return { eventBridge, events, vendorEvents, rules };
}
