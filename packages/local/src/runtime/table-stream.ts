import type { StreamRecord } from '@access-broker/local-aws';

// The stream trigger's settings in the stack: batches of 25, ten retries, then the dead-letter queue.
const BATCH_SIZE = 25;
const RETRY_ATTEMPTS = 10;

/**
 * The table's stream feeding its Lambda trigger: records in commit order, in batches, one batch at a time;
 * a failed batch is retried (with backoff) before anything after it, then dead-lettered, as the event
 * source mapping does.
 */
export class TableStream {
  private readonly queue: StreamRecord[] = [];
  private draining?: Promise<void>;

  constructor(
    private readonly deliver: (event: { Records: unknown[] }) => Promise<unknown>,
    private readonly options: {
      retryBaseMs?: number;
      deadLetter: (records: StreamRecord[], error: unknown) => void;
    },
  ) {}

  push(records: StreamRecord[]) {
    this.queue.push(...records);
    this.kick();
  }

  /**
   * Starts draining unless a drain runs. A record pushed after the drain's last look at the queue but before
   * it finished would otherwise wait for the next write: so a finished drain looks again.
   */
  private kick() {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  /** Resolves once everything pushed so far has been delivered or dead-lettered. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain() {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH_SIZE);
      const event = {
        Records: batch.map((record) => ({
          eventID: record.dynamodb.SequenceNumber,
          eventName: record.eventName,
          eventSource: 'aws:dynamodb',
          eventVersion: '1.1',
          dynamodb: record.dynamodb,
        })),
      };
      for (let attempt = 0; ; attempt++) {
        try {
          await this.deliver(event);
          break;
        } catch (error) {
          if (attempt >= RETRY_ATTEMPTS) {
            this.options.deadLetter(batch, error);
            break;
          }
          await new Promise((resolve) =>
            setTimeout(resolve, (this.options.retryBaseMs ?? 100) * 2 ** Math.min(attempt, 5)),
          );
        }
      }
    }
  }
}
