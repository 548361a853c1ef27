import { describe, expect, it } from 'vitest';
import type { GrantRecord } from './request-record';
import { matchesFilter } from './request-filter';

const record = (overrides: Partial<GrantRecord> = {}) =>
  ({
    requester: { id: 'dave@broker.local', person: 'dave' },
    targetAccountId: '111122223333',
    ...overrides,
  }) as GrantRecord;

describe('matchesFilter', () => {
  it('takes every record when nothing narrows it', () => {
    expect(matchesFilter(record(), {})).toBe(true);
  });

  it('matches the requester as named or as the person, in any case', () => {
    expect(matchesFilter(record(), { requester: 'DAVE@broker.local' })).toBe(true);
    expect(matchesFilter(record(), { requester: 'dave' })).toBe(true);
    expect(matchesFilter(record(), { requester: 'dav' })).toBe(false);
  });

  it('matches a vendor by id, and no record without one', () => {
    expect(matchesFilter(record({ vendor: { id: 'acme', displayName: 'Acme' } }), { vendor: 'acme' })).toBe(
      true,
    );
    expect(matchesFilter(record(), { vendor: 'acme' })).toBe(false);
  });

  it('matches any account an organization-wide grant reaches, and every field must match', () => {
    const wide = record({ targetAccountIds: ['111122223333', '444455556666'] });
    expect(matchesFilter(wide, { account: '444455556666' })).toBe(true);
    expect(matchesFilter(wide, { account: '444455556666', requester: 'erin' })).toBe(false);
  });
});
