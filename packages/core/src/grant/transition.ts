import { assertTransition, type GrantStatus } from '../lifecycle/grant-status';
import type { Clock } from '../ports/clock';
import type { GrantStore } from '../ports/grant-store';
import type { AuditAction, GrantRecord } from './grant-record';

export interface TransitionInput {
  to: GrantStatus;
  action: AuditAction;
  actor: string;
  /** Fields to set; a field given as `undefined` is removed from the record. */
  changes?: { [K in keyof GrantRecord]?: GrantRecord[K] | undefined };
  detail?: Record<string, string | number | boolean>;
}

/**
 * The one way a record changes: checks the lifecycle, bumps the version, and writes record and audit entry
 * in one conditional write. Throws IllegalTransitionError or (from the store) GrantConflictError.
 */
export async function transition(
  deps: { store: GrantStore; clock: Clock },
  record: GrantRecord,
  { to, action, actor, changes = {}, detail }: TransitionInput,
): Promise<GrantRecord> {
  assertTransition(record.id, record.status, to);
  const at = deps.clock.now().toISOString();
  const next = {
    ...record,
    ...changes,
    status: to,
    version: record.version + 1,
    updatedAt: at,
  } as GrantRecord;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete (next as unknown as Record<string, unknown>)[key];
  }
  return deps.store.update(
    next,
    { status: record.status, version: record.version },
    {
      requestId: record.id,
      at,
      seq: next.version,
      action,
      actor,
      from: record.status,
      to,
      ...(detail ? { detail } : {}),
    },
  );
}
