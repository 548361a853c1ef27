import { GrantConflictError, IdempotencyConflictError } from '../errors';
import type { AuditEntry, GrantRecord } from '../requests/request-record';
import type { GrantStore, IdempotencyClaim, Page } from '../requests/grant-store';

/** The GrantStore contract in memory, for use-case tests. Records are copied in and out like a database. */
export class InMemoryGrantStore implements GrantStore {
  readonly records = new Map<string, GrantRecord>();
  readonly audit: AuditEntry[] = [];
  private readonly idempotency = new Map<string, { requestId: string; bodyHash: string }>();
  private readonly claimed = new Set<string>();

  async claimOnce(key: string) {
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    return true;
  }

  async create(record: GrantRecord, audit: AuditEntry, claim?: IdempotencyClaim) {
    if (claim) {
      const key = `${claim.clientId}#${claim.key}`;
      const existing = this.idempotency.get(key);
      if (existing) {
        if (existing.bodyHash !== claim.bodyHash) throw new IdempotencyConflictError(claim.key);
        return { record: structuredClone(this.records.get(existing.requestId)!), replayed: true };
      }
      this.idempotency.set(key, { requestId: record.id, bodyHash: claim.bodyHash });
    }
    if (this.records.has(record.id)) throw new GrantConflictError(record.id);
    this.records.set(record.id, structuredClone(record));
    this.audit.push(structuredClone(audit));
    return { record: structuredClone(record), replayed: false };
  }

  async get(id: string) {
    const record = this.records.get(id);
    return record && structuredClone(record);
  }

  async getMany(ids: readonly string[]) {
    const found = new Map<string, GrantRecord>();
    for (const id of ids) {
      const record = this.records.get(id);
      if (record) found.set(id, structuredClone(record));
    }
    return found;
  }

  async update(
    next: GrantRecord,
    expected: { status: GrantRecord['status']; version: number },
    audit: AuditEntry,
  ) {
    const current = this.records.get(next.id);
    if (!current || current.status !== expected.status || current.version !== expected.version) {
      throw new GrantConflictError(next.id);
    }
    this.records.set(next.id, structuredClone(next));
    this.audit.push(structuredClone(audit));
    return structuredClone(next);
  }

  async list({
    status,
    cursor,
    limit,
  }: {
    status?: GrantRecord['status'];
    cursor?: string;
    limit: number;
  }): Promise<Page<GrantRecord>> {
    const all = [...this.records.values()]
      .filter((record) => !status || record.status === status)
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    const start = cursor ? all.findIndex((record) => record.id < cursor) : 0;
    const items = start < 0 ? [] : all.slice(start, start + limit);
    const last = items.at(-1);
    return {
      items: items.map((item) => structuredClone(item)),
      ...(items.length === limit && last ? { cursor: last.id } : {}),
    };
  }

  async listDue(now: Date, limit: number) {
    return [...this.records.values()]
      .filter((record) => record.dueAt !== undefined && Date.parse(record.dueAt) <= now.getTime())
      .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))
      .slice(0, limit)
      .map((record) => record.id);
  }

  async auditTrail(id: string) {
    return this.audit.filter((entry) => entry.requestId === id).map((entry) => structuredClone(entry));
  }
}
