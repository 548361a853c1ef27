import { IllegalTransitionError } from '../errors';

export const GRANT_STATUSES = [
  'PENDING_APPROVAL',
  'APPROVED',
  'PROVISIONING',
  'ACTIVE',
  'REVOKING',
  'REVOKED',
  'DENIED',
  'APPROVAL_EXPIRED',
  'CANCELLED',
  'FAILED',
  'REVOKE_FAILED',
] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/**
 * The lifecycle of DESIGN.md as data. A status may move to itself where the record changes without a new
 * status: a partial approval (N-of-M), an extension, a stalled teardown taken over by the sweeper, a stalled
 * workflow re-driven by the sweeper.
 */
const TRANSITIONS: Record<GrantStatus, readonly GrantStatus[]> = {
  PENDING_APPROVAL: ['PENDING_APPROVAL', 'APPROVED', 'DENIED', 'APPROVAL_EXPIRED', 'CANCELLED'],
  // FAILED: provisioning gave up before anything was created. Itself: the sweeper re-drove its workflow.
  APPROVED: ['APPROVED', 'PROVISIONING', 'CANCELLED', 'FAILED'],
  // REVOKING: a provisioning that stalled past expiry is torn down like an active grant.
  PROVISIONING: ['PROVISIONING', 'ACTIVE', 'FAILED', 'REVOKING'],
  ACTIVE: ['ACTIVE', 'REVOKING'],
  // FAILED: a failed provisioning ends through the same teardown as a revocation.
  REVOKING: ['REVOKING', 'REVOKED', 'REVOKE_FAILED', 'FAILED'],
  REVOKE_FAILED: ['REVOKING'],
  REVOKED: [],
  DENIED: [],
  APPROVAL_EXPIRED: [],
  CANCELLED: [],
  FAILED: [],
};

export function canTransition(from: GrantStatus, to: GrantStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(requestId: string, from: GrantStatus, to: GrantStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(requestId, from, to);
}

export function isTerminal(status: GrantStatus): boolean {
  return TRANSITIONS[status].length === 0;
}
