import type { GrantStatus } from './grant-status';
import type { AuditEntry, GrantRecord } from './request-record';

export interface IdempotencyClaim {
  clientId: string;
  key: string;
  /** SHA-256 of the canonical request body: same key + same body replays, same key + other body conflicts. */
  bodyHash: string;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

/**
 * Persistence of requests/grants and their audit trail. Every write is conditional: `update` succeeds only if
 * the stored record still has the expected status and version, and writes its audit entry atomically with it.
 */
export interface GrantStore {
  /** Throws IdempotencyConflictError when the key was used with another body. */
  create(
    record: GrantRecord,
    audit: AuditEntry,
    idempotency?: IdempotencyClaim,
  ): Promise<{ record: GrantRecord; replayed: boolean }>;
  get(id: string): Promise<GrantRecord | undefined>;
  /** Many records at once (batched reads; order not kept); ids with no record are absent from the map. */
  getMany(ids: readonly string[]): Promise<Map<string, GrantRecord>>;
  /** Throws GrantConflictError when another writer got there first. Returns the record as stored. */
  update(
    next: GrantRecord,
    expected: { status: GrantStatus; version: number },
    audit: AuditEntry,
  ): Promise<GrantRecord>;
  list(query: { status?: GrantStatus; cursor?: string; limit: number }): Promise<Page<GrantRecord>>;
  /** Ids of records whose `dueAt` is at or before `now`, oldest first (the byExpiry index). */
  listDue(now: Date, limit: number): Promise<string[]>;
  auditTrail(id: string): Promise<AuditEntry[]>;
  /**
   * Claims a one-time key (a Slack request signature) until `expiresAt`: true the first time, false for every
   * later claim of the same key, so a replayed request is recognised whatever else it carries.
   */
  claimOnce(key: string, expiresAt: Date): Promise<boolean>;
}
