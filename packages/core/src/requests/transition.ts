import type { BrokerConfig } from '../config/config-schema';
import { assertTransition, type GrantStatus } from './grant-status';
import type { Clock } from '../context/clock';
import type { GrantStore } from './grant-store';
import { deadlineOf } from './deadlines';
import type { AuditAction, GrantRecord } from './request-record';

export interface TransitionInput {
  to: GrantStatus;
  action: AuditAction;
  actor: string;
  /** Fields to set; a field given as `undefined` is removed from the record. */
  changes?: { [K in keyof GrantRecord]?: GrantRecord[K] | undefined };
  detail?: Record<string, string | number | boolean>;
}

/**
 * The one way a record changes: checks the lifecycle, bumps the version, sets the deadline of the new state
 * (unless the change sets `dueAt` itself), and writes record and audit entry in one conditional write. Throws
 * IllegalTransitionError or (from the store) GrantConflictError.
 */
export async function transition(
  deps: { store: GrantStore; clock: Clock; config: Pick<BrokerConfig, 'limits'> },
  record: GrantRecord,
  { to, action, actor, changes = {}, detail }: TransitionInput,
): Promise<GrantRecord> {
  assertTransition(record.id, record.status, to);
  const now = deps.clock.now();
  const at = now.toISOString();
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
  // A re-drive count belongs to the state it was counted in.
  if (to !== record.status && !('recoveries' in changes)) delete next.recoveries;
  if (!('dueAt' in changes)) {
    const dueAt = deadlineOf(next, deps.config, now);
    if (dueAt) next.dueAt = dueAt;
    else delete next.dueAt;
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
