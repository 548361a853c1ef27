import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../errors';
import { assertTransition, canTransition, GRANT_STATUSES, isTerminal } from './grant-status';

describe('the grant lifecycle', () => {
  it.each([
    ['PENDING_APPROVAL', 'APPROVED'],
    ['APPROVED', 'PROVISIONING'],
    ['PROVISIONING', 'ACTIVE'],
    ['ACTIVE', 'REVOKING'],
    ['REVOKING', 'REVOKED'],
    ['REVOKING', 'REVOKE_FAILED'],
    ['REVOKE_FAILED', 'REVOKING'],
    ['PENDING_APPROVAL', 'DENIED'],
    ['PENDING_APPROVAL', 'APPROVAL_EXPIRED'],
    ['PENDING_APPROVAL', 'CANCELLED'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    ['PENDING_APPROVAL', 'ACTIVE'],
    ['DENIED', 'APPROVED'],
    ['REVOKED', 'ACTIVE'],
    ['ACTIVE', 'APPROVED'],
    ['REVOKE_FAILED', 'REVOKED'],
    ['APPROVAL_EXPIRED', 'APPROVED'],
  ] as const)('refuses %s → %s with a typed error', (from, to) => {
    expect(() => assertTransition('req1', from, to)).toThrow(IllegalTransitionError);
  });

  it('lets nothing leave a terminal status', () => {
    const terminal = GRANT_STATUSES.filter(isTerminal);
    expect(terminal.sort()).toEqual(['APPROVAL_EXPIRED', 'CANCELLED', 'DENIED', 'FAILED', 'REVOKED']);
    for (const from of terminal) for (const to of GRANT_STATUSES) expect(canTransition(from, to)).toBe(false);
  });
});
