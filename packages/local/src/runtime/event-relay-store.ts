import {
  type AuditEntry,
  type EventPublisher,
  eventFromAudit,
  type GrantRecord,
  type GrantStatus,
  type GrantStore,
  type IdempotencyClaim,
} from '@access-broker/core';

/**
 * The local stand-in for the DynamoDB Streams consumer of the transactional outbox: after a record and its
 * audit entry commit together, the entry's event is published. Nothing is published for a write that failed.
 */
export class EventRelayStore implements GrantStore {
  constructor(
    private readonly inner: GrantStore,
    private readonly publisher: EventPublisher,
  ) {}

  async create(record: GrantRecord, audit: AuditEntry, claim?: IdempotencyClaim) {
    const result = await this.inner.create(record, audit, claim);
    if (!result.replayed) await this.relay(audit, result.record);
    return result;
  }

  async update(next: GrantRecord, expected: { status: GrantStatus; version: number }, audit: AuditEntry) {
    const stored = await this.inner.update(next, expected, audit);
    await this.relay(audit, stored);
    return stored;
  }

  get(id: string) {
    return this.inner.get(id);
  }
  list(query: Parameters<GrantStore['list']>[0]) {
    return this.inner.list(query);
  }
  listDue(now: Date, limit: number) {
    return this.inner.listDue(now, limit);
  }
  auditTrail(id: string) {
    return this.inner.auditTrail(id);
  }

  private async relay(audit: AuditEntry, record: GrantRecord) {
    const event = eventFromAudit(audit, record);
    // Printing is best-effort locally; in AWS the Streams consumer retries until EventBridge accepts.
    if (event) await this.publisher.publish([event]).catch(() => undefined);
  }
}
