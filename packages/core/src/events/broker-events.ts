import type { AuditAction, AuditEntry, GrantRecord } from '../grant/grant-record';

export const EVENT_SOURCE = 'access-broker';

const DETAIL_TYPES: Partial<Record<AuditAction, string>> = {
  REQUESTED: 'Access Requested',
  APPROVED: 'Access Approved',
  DENIED: 'Access Denied',
  GRANTED: 'Access Granted',
  REVOKED: 'Access Revoked',
  EXPIRED: 'Access Expired',
  REVOCATION_FAILED: 'Revocation Failed',
  EXTENSION_REQUESTED: 'Extension Requested',
  EXTENDED: 'Access Extended',
  EXTENSION_DENIED: 'Extension Denied',
};

export interface BrokerEvent {
  source: typeof EVENT_SOURCE;
  detailType: string;
  /** Idempotency for subscribers: the same audit entry always yields the same event id. */
  id: string;
  time: string;
  detail: {
    requestId: string;
    status: string;
    principal: string;
    targetAccountId: string;
    expiresAt?: string;
    ticket?: { system: string; key: string; url?: string };
    actor: string;
    reason?: string;
  };
}

/**
 * The transactional outbox: events are derived from audit entries (written with the state change), so state
 * and events can never disagree. Built from an allow-list of fields: no External ID, no task token.
 */
export function eventFromAudit(entry: AuditEntry, record: GrantRecord): BrokerEvent | undefined {
  const detailType = DETAIL_TYPES[entry.action];
  if (!detailType) return undefined;
  const reason = entry.detail?.reason;
  return {
    source: EVENT_SOURCE,
    detailType,
    id: `${entry.requestId}:${entry.seq}`,
    time: entry.at,
    detail: {
      requestId: record.id,
      status: entry.to,
      principal: record.principal.arn,
      targetAccountId: record.targetAccountId,
      ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
      ...(record.ticket ? { ticket: { ...record.ticket } } : {}),
      actor: entry.actor,
      ...(typeof reason === 'string' ? { reason } : {}),
    },
  };
}
