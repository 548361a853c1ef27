import { describe, expect, it } from 'vitest';
import type { GrantRecord } from '../requests/request-record';
import { decisionOutput } from './decision-output';

const record = (changes: Partial<GrantRecord>) => ({ status: 'PENDING_APPROVAL', ...changes }) as GrantRecord;

describe('what the workflow is resumed with', () => {
  it.each([
    [{ status: 'APPROVED' }, 'approved'],
    // A workflow restarted while provisioning carries on provisioning (teardown is not its job).
    [{ status: 'PROVISIONING' }, 'approved'],
    [{ status: 'ACTIVE', extension: { approved: true } }, 'approved'],
    [{ status: 'ACTIVE', extension: { approved: false } }, 'closed'],
    [{ status: 'DENIED' }, 'denied'],
    [{ status: 'CANCELLED' }, 'closed'],
    [{ status: 'REVOKED' }, 'closed'],
  ] as [Partial<GrantRecord>, string][])('%o → %s', (changes, decision) => {
    expect(decisionOutput(record(changes)).decision).toBe(decision);
  });

  it('carries startAt only for an approved request that has one', () => {
    const at = '2026-12-01T09:00:00.000Z';
    expect(decisionOutput(record({ status: 'APPROVED', startAt: at }))).toEqual({
      decision: 'approved',
      startAt: at,
    });
    expect(decisionOutput(record({ status: 'PROVISIONING', startAt: at }))).toEqual({ decision: 'approved' });
  });
});
