import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { BrokerEvent } from '@access-broker/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgePublisher, EventPublishError } from './eventbridge-publisher';

// EventBridge has no local endpoint: this pins the PutEvents entry shape for the custom bus.
const eventBridge = mockClient(EventBridgeClient);
const publisher = new EventBridgePublisher(
  new EventBridgeClient({ region: 'eu-west-1' }),
  'access-broker-prod',
);

const event = (n: number): BrokerEvent => ({
  source: 'access-broker',
  detailType: 'Access Granted',
  id: `req${n}:4`,
  time: '2026-11-23T12:00:00.000Z',
  detail: {
    eventId: `req${n}:4`,
    requestId: `req${n}`,
    status: 'ACTIVE',
    principal: 'arn:aws:iam::111122223333:role/ThirdPartyAuditor',
    targetAccountId: '123456789012',
    expiresAt: '2026-11-23T14:00:00.000Z',
    actor: 'workflow',
  },
});

describe('EventBridgePublisher (contract)', () => {
  beforeEach(() => eventBridge.reset());

  it('puts each event on the custom bus with its detail-type and an event id to deduplicate on', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    await publisher.publish([event(1)]);
    expect(eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input).toEqual({
      Entries: [
        {
          EventBusName: 'access-broker-prod',
          Source: 'access-broker',
          DetailType: 'Access Granted',
          Time: new Date('2026-11-23T12:00:00.000Z'),
          Detail: JSON.stringify(event(1).detail),
        },
      ],
    });
  });

  it('sends at most 10 entries per call', async () => {
    eventBridge
      .on(PutEventsCommand)
      .callsFake(({ Entries }) => ({ FailedEntryCount: 0, Entries: Entries.map(() => ({ EventId: 'x' })) }));
    await publisher.publish(Array.from({ length: 23 }, (_, i) => event(i)));
    expect(
      eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries!.length),
    ).toEqual([10, 10, 3]);
  });

  it('retries only the entries EventBridge refused, then fails loudly', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { ErrorCode: 'InternalFailure' }] })
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    await expect(publisher.publish([event(1), event(2)])).rejects.toEqual(new EventPublishError(['req2:4']));
    const retried = eventBridge
      .commandCalls(PutEventsCommand)
      .slice(1)
      .map((call) => call.args[0].input.Entries!.map((entry) => JSON.parse(entry.Detail!).requestId));
    expect(retried).toEqual([['req2'], ['req2']]);
  });
});
