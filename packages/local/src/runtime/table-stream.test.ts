import { describe, expect, it } from 'vitest';
import type { StreamRecord } from '@access-broker/local-aws';
import { TableStream } from './table-stream';

const record = (n: number): StreamRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    Keys: {},
    NewImage: { n: { N: String(n) } },
    SequenceNumber: String(n),
    StreamViewType: 'NEW_IMAGE',
  },
});

describe('TableStream', () => {
  it('delivers a record pushed just as a drain finishes, without waiting for another write', async () => {
    // The push lands a few microtasks after the first delivery: at some depth, between the drain's last look
    // at the queue and the end of the drain. Every depth must deliver it.
    for (let depth = 0; depth < 12; depth++) {
      const delivered: number[] = [];
      const stream: TableStream = new TableStream(
        async (event) => {
          delivered.push(...event.Records.map((r) => Number((r as StreamRecord).dynamodb.SequenceNumber)));
          if (delivered.length !== 1) return;
          let hop = Promise.resolve();
          for (let i = 0; i < depth; i++) hop = hop.then(() => undefined);
          void hop.then(() => stream.push([record(2)]));
        },
        { deadLetter: () => undefined },
      );
      stream.push([record(1)]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await stream.idle();
      expect({ depth, delivered }).toEqual({ depth, delivered: [1, 2] });
    }
  });

  it('retries a failed batch before anything after it, then dead-letters it', async () => {
    const attempts: number[] = [];
    const dead: number[] = [];
    const stream = new TableStream(
      async (event) => {
        const n = Number((event.Records[0] as StreamRecord).dynamodb.SequenceNumber);
        attempts.push(n);
        if (n === 1) throw new Error('outbox down');
      },
      {
        retryBaseMs: 1,
        deadLetter: (records) => dead.push(...records.map((r) => Number(r.dynamodb.SequenceNumber))),
      },
    );
    stream.push([record(1)]);
    stream.push([record(2)]);
    await stream.idle();
    expect(dead).toEqual([1]);
    expect(attempts.filter((n) => n === 1)).toHaveLength(11);
    expect(attempts.at(-1)).toBe(2);
  });
});
