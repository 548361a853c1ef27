import * as z from 'zod';
import type { AuditAction, AuditEntry, GrantRecord } from '../requests/request-record';

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
  EXPIRY_REMINDER: 'Access Expiring',
  EXTENSION_DENIED: 'Extension Denied',
};

/** The `detail` of every broker event: an allow-list — never the External ID, never a token. */
export const brokerEventDetailSchema = z
  .object({
    eventId: z.string().describe('request id and audit sequence: the same change always has the same id'),
    requestId: z.string(),
    status: z.string().describe('the request status after this change'),
    principal: z.string().describe('the third party: one exact IAM ARN'),
    vendor: z
      .object({ id: z.string(), name: z.string() })
      .strict()
      .optional()
      .describe('the registered vendor the request named'),
    targetAccountId: z.string().regex(/^\d{12}$/),
    targetAccountIds: z
      .array(z.string().regex(/^\d{12}$/))
      .optional()
      .describe('an organization-wide grant: every account it has a role in (the first is targetAccountId)'),
    profile: z.string().optional().describe('the profile granted (absent for a custom policy)'),
    roleArn: z.string().optional().describe("the grant's role, once it exists (never its External ID)"),
    expiresAt: z.iso.datetime().optional(),
    ticket: z.object({ system: z.string(), key: z.string(), url: z.string().optional() }).strict().optional(),
    actor: z
      .string()
      .describe('who caused the change: api:<client>, slack:<user>, workflow, sweeper, expiry-schedule'),
    reason: z.string().optional(),
    activity: z
      .object({ calls: z.number().int(), denied: z.number().int(), services: z.array(z.string()) })
      .strict()
      .optional()
      .describe("at a grant's end: the AWS calls its sessions made, how many were denied, which services"),
  })
  .strict();

export const EVENT_DETAIL_TYPES = [...new Set(Object.values(DETAIL_TYPES))];

export interface BrokerEvent {
  source: typeof EVENT_SOURCE;
  detailType: string;
  /** Idempotency for subscribers: the same audit entry always yields the same event id. */
  id: string;
  time: string;
  detail: z.infer<typeof brokerEventDetailSchema>;
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
      eventId: `${entry.requestId}:${entry.seq}`,
      requestId: record.id,
      status: entry.to,
      principal: record.principal.arn,
      ...(record.vendor ? { vendor: { id: record.vendor.id, name: record.vendor.displayName } } : {}),
      targetAccountId: record.targetAccountId,
      ...(record.targetAccountIds ? { targetAccountIds: [...record.targetAccountIds] } : {}),
      ...(record.profile ? { profile: record.profile } : {}),
      ...(record.roleArn ? { roleArn: record.roleArn } : {}),
      ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
      ...(record.ticket ? { ticket: { ...record.ticket } } : {}),
      actor: entry.actor,
      ...(typeof reason === 'string' ? { reason } : {}),
    },
  };
}
