import type { ApprovalChannel } from '../config/config-schema';
import type { GrantStatus } from './grant-status';
import type { CheckedStatement } from '../policy/policy-document';
import type { Principal } from './principal';

export interface ApprovalMessageRef {
  channel: string;
  ts: string;
}

export interface Approval {
  /** The identity that approved: an API client id or a Slack user id. */
  by: string;
  /** The person behind it: N-of-M counts these. */
  person?: string;
  /** The email the identity provider verified for an approver the config does not know (to count them once). */
  email?: string;
  channel: ApprovalChannel;
  at: string;
  comment?: string;
}

export const REVOKE_REASONS = ['expired', 'revoked', 'provisioning-failed', 'vendor-suspended'] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

/** One access request and, once approved, its grant. Stored as one item; every change bumps `version`. */
export interface GrantRecord {
  id: string;
  status: GrantStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  principal: Principal;
  /** The account the role lives in; for an organization-wide grant, the first of `targetAccountIds`. */
  targetAccountId: string;
  /** An organization-wide grant: every account (2 or more) a role is made in, under one approval and expiry. */
  targetAccountIds?: string[];
  /** Set when the request named a profile; otherwise the statements came from a custom policy. */
  profile?: string;
  parameters?: Record<string, string>;
  statements: CheckedStatement[];
  managedPolicyArns: string[];
  durationSeconds: number;
  justification: string;
  /** Who asked, as the request named them, and the person the broker took that name for (when it knew one). */
  requester: { id: string; person?: string; slackUserId?: string };
  /** The authenticated API client that filed the request: it may never approve it, whatever `requester` says. */
  createdBy: string;
  ticket?: { system: string; key: string; url?: string };
  externalId: string;
  externalIdSource: 'supplied' | 'generated' | 'vendor';
  /** The expiry the last reminder was about (an extension makes a new one due). */
  reminderSentFor?: string;
  /** The registered vendor the request named (its name is what people are shown). */
  vendor?: { id: string; displayName: string };
  /** An access-key vendor's grant: `principal` is the IAM user the broker makes for it (key-user.ts). */
  credentials?: 'access-key';
  /**
   * The key user and its one access key, once made. The secret is never stored: `sealedSecret` is a JWE only
   * the vendor's private key opens, kept for the hand-off and never shown by the API.
   */
  accessKey?: { userName: string; userArn: string; accessKeyId: string; sealedSecret: string };
  startAt?: string;
  approvals: Approval[];
  decision?: {
    outcome: 'approved' | 'denied' | 'expired' | 'cancelled';
    by: string;
    at: string;
    comment?: string;
  };
  roleName?: string;
  roleArn?: string;
  activatedAt?: string;
  expiresAt?: string;
  usableFrom?: string;
  revocation?: {
    reason: RevokeReason;
    by: string;
    comment?: string;
    startedAt: string;
    attempts: number;
    lastError?: string;
    completedAt?: string;
  };
  failure?: { reason: string; at: string };
  /**
   * When the sweeper must look at this grant (expiry, next teardown retry, stalled teardown). Set only while
   * a role may exist; the store indexes it sparsely (byExpiry) so the sweeper never scans.
   */
  dueAt?: string;
  /** The workflow's task token while waiting for a decision. Never leaves the broker. */
  taskToken?: string;
  /** A pending request for more time on an ACTIVE grant; approved extensions are applied, then cleared. */
  extension?: {
    durationSeconds: number;
    justification: string;
    requestedBy: string;
    requestedAt: string;
    approvals: Approval[];
    approved: boolean;
  };
  /** The extension applied last, and who approved it: what the request's message shows of it. */
  lastExtension?: { durationSeconds: number; approvals: Approval[]; at: string };
  /** Where the approval request was posted, so its message can be updated when the outcome is known. */
  approvalMessage?: ApprovalMessageRef;
  /** How many times the sweeper re-drove a stalled workflow of this request; past a few, it fails visibly. */
  recoveries?: number;
}

export const AUDIT_ACTIONS = [
  'REQUESTED',
  'APPROVAL_RECORDED',
  'APPROVED',
  'DENIED',
  'APPROVAL_EXPIRED',
  'CANCELLED',
  'PROVISIONING_STARTED',
  'GRANTED',
  'PROVISIONING_FAILED',
  'REVOCATION_STARTED',
  'REVOKED',
  'EXPIRED',
  'REVOCATION_FAILED',
  'WAITING_FOR_DECISION',
  'APPROVAL_MESSAGE_KEPT',
  'EXTENSION_REQUESTED',
  'EXTENSION_APPROVAL_RECORDED',
  'EXTENSION_APPROVED',
  'EXTENSION_DENIED',
  'EXTENSION_EXPIRED',
  'EXTENDED',
  'EXPIRY_REMINDER',
  'RECOVERED',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only: who did what, when. Written in the same transaction as the state change it records. */
export interface AuditEntry {
  requestId: string;
  at: string;
  /** The record version this entry produced: unique and ordered per request. */
  seq: number;
  action: AuditAction;
  actor: string;
  from?: GrantStatus;
  to: GrantStatus;
  detail?: Record<string, string | number | boolean>;
}

/**
 * What a client may see of a record: never the task token, never the sealed access key (only the vendor's
 * hand-off carries it); the External ID only with the grant.
 */
export function publicView(record: GrantRecord): Omit<
  GrantRecord,
  'taskToken' | 'externalId' | 'dueAt' | 'approvalMessage' | 'accessKey' | 'lastExtension'
> & {
  accessKey?: { userName: string; userArn: string; accessKeyId: string };
} {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { taskToken, externalId, dueAt, approvalMessage, accessKey, lastExtension, ...rest } = record;
  if (!accessKey) return rest;
  const { userName, userArn, accessKeyId } = accessKey;
  return { ...rest, accessKey: { userName, userArn, accessKeyId } };
}
