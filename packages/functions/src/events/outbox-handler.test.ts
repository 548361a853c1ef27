import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { BrokerEvent, VendorEvent } from '@access-broker/core';
import { auditRequestBody, testBroker } from '@access-broker/core/testing';
import { createRequest } from '@access-broker/core';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { outboxHandler } from './outbox-handler';

/** The outbox over a test broker's ports: what it publishes lands in `published`, when given. */
function outboxOf(
  broker: ReturnType<typeof testBroker>,
  published?: (BrokerEvent | VendorEvent)[],
  metrics = new Metrics({ namespace: 'AccessBroker', serviceName: 'access-broker' }),
) {
  return outboxHandler(
    {
      config: broker.config,
      store: broker.store,
      activity: broker.activity,
      notifier: broker.notifier,
      logger: new Logger({ logLevel: 'SILENT' }),
      publisher: { publish: async (events) => void published?.push(...events) },
    },
    metrics,
  );
}

describe('outboxHandler (DynamoDB Streams → EventBridge)', () => {
  it('publishes one event per inserted audit entry, never the External ID, and counts it', async () => {
    // Prepare: a stored request and the stream records its write produced
    const broker = testBroker();
    const externalId = 'Zt8aQe3r1Lk0-vendor-tenant-4471';
    const { record } = await createRequest(broker, {
      body: auditRequestBody({ externalId }),
      actor: 'jira',
    });
    const [audit] = await broker.store.auditTrail(record.id);
    const image = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true }) as never;
    const stream: DynamoDBStreamEvent = {
      Records: [
        {
          eventName: 'INSERT',
          dynamodb: {
            NewImage: image({ pk: `REQ#${record.id}`, sk: `EVT#${audit!.at}#000001`, entry: audit }),
          },
        },
        {
          eventName: 'MODIFY',
          dynamodb: { NewImage: image({ pk: `REQ#${record.id}`, sk: 'META', record }) },
        },
      ],
    };
    const published: (BrokerEvent | VendorEvent)[] = [];
    const metrics = new Metrics({ namespace: 'AccessBroker', serviceName: 'access-broker' });
    const handler = outboxOf(broker, published, metrics);
    // Powertools writes EMF through its own Console on process.stdout.
    const emitted: string[] = [];
    const write = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => emitted.push(String(chunk)) > 0);
    // Act
    try {
      await handler(stream, { functionName: 'outbox', awsRequestId: 'r' } as Context);
    } finally {
      write.mockRestore();
    }
    // Assess
    expect(published.map((event) => event.detailType)).toEqual(['Access Requested']);
    expect(published[0]!.detail).toMatchObject({
      eventId: `${record.id}:1`,
      requestId: record.id,
      status: 'PENDING_APPROVAL',
    });
    expect(JSON.stringify(published)).not.toContain(externalId);
    expect(emitted.some((line) => line.includes('"RequestsCreated":1'))).toBe(true);
  });

  it('logs nothing for a batch that publishes nothing (a workflow storing its task token)', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    const handler = outboxOf(broker);
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array) => written.push(String(chunk)) > 0;
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      const meta = marshall({ pk: `REQ#${record.id}`, sk: 'META', record }, { removeUndefinedValues: true });
      await handler({ Records: [{ eventName: 'MODIFY', dynamodb: { NewImage: meta as never } }] }, {
        functionName: 'outbox',
        awsRequestId: 'r0',
      } as Context);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(written).toEqual([]);
  });

  it('takes the record from the batch, as the change left it, and reads the table only when it is not there', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    const [audit] = await broker.store.auditTrail(record.id);
    const image = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true }) as never;
    const insert = {
      eventName: 'INSERT' as const,
      dynamodb: { NewImage: image({ pk: `REQ#${record.id}`, sk: `EVT#${audit!.at}#000001`, entry: audit }) },
    };
    // The image at this entry's version says what the change left, even if the table has moved on since.
    const asCreated = { ...record, ticket: { system: 'jira', key: 'AS-CREATED' } };
    const meta = {
      eventName: 'INSERT' as const,
      dynamodb: { NewImage: image({ pk: `REQ#${record.id}`, sk: 'META', record: asCreated }) },
    };
    const reads = vi.spyOn(broker.store, 'get');
    const published: (BrokerEvent | VendorEvent)[] = [];
    const handler = outboxOf(broker, published);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await handler({ Records: [meta, insert] }, { functionName: 'outbox', awsRequestId: 'r1' } as Context);
      expect(reads).not.toHaveBeenCalled();
      expect((published[0] as BrokerEvent).detail.ticket).toEqual({ system: 'jira', key: 'AS-CREATED' });
      await handler({ Records: [insert] }, { functionName: 'outbox', awsRequestId: 'r2' } as Context);
      expect(reads).toHaveBeenCalledTimes(1);
      expect((published[1] as BrokerEvent).detail.ticket).toEqual(record.ticket);
    } finally {
      write.mockRestore();
    }
  });

  it("reminds the requester directly (the person's Slack id when the request gave none), and edits each message once a batch", async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, {
      body: auditRequestBody({ requester: { id: 'dave' } }),
      actor: 'jira',
    });
    expect(record.requester).toEqual({ id: 'dave', person: 'dave' });
    const expiresAt = '2026-12-06T12:00:00.000Z';
    const active = {
      ...record,
      status: 'ACTIVE' as const,
      expiresAt,
      approvalMessage: { channel: 'C1', ts: '1.2' },
    };
    const image = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true }) as never;
    const entry = (seq: number, action: string) => ({
      eventName: 'INSERT' as const,
      dynamodb: {
        NewImage: image({
          pk: `REQ#${record.id}`,
          sk: `EVT#${seq}`,
          entry: { requestId: record.id, at: expiresAt, seq, action, actor: 'sweeper', to: 'ACTIVE' },
        }),
      },
    });
    const meta = (version: number) => ({
      eventName: 'INSERT' as const,
      dynamodb: { NewImage: image({ pk: `REQ#${record.id}`, sk: 'META', record: { ...active, version } }) },
    });
    const handler = outboxOf(broker);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await handler(
        {
          Records: [
            meta(5),
            entry(5, 'GRANTED'),
            meta(6),
            entry(6, 'EXTENDED'),
            meta(7),
            entry(7, 'EXPIRY_REMINDER'),
          ],
        },
        { functionName: 'outbox', awsRequestId: 'r' } as Context,
      );
    } finally {
      write.mockRestore();
    }
    expect(broker.notifier.reminded).toEqual([expect.stringMatching(/^UDAVE: Access .* ends /)]);
    expect(broker.notifier.told).toEqual([]);
    // Two changes the message shows, one edit: to where the request stands at the end of the batch.
    expect(broker.notifier.outcomes).toEqual([`${record.id}:ACTIVE`]);
  });
});
