import { describe, expect, it } from 'vitest';
import { zxcvbnStrength } from './external-id-strength';
import { generateExternalId, validateSuppliedExternalId } from './external-id';

describe('generateExternalId', () => {
  it('gives 32 random bytes as base64url, valid for STS, never the same twice', async () => {
    const ids = Array.from({ length: 1000 }, generateExternalId);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{42}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    }
    for (const id of ids.slice(0, 50))
      expect(
        await validateSuppliedExternalId(id, { knownValues: [], strength: zxcvbnStrength }),
      ).toBeUndefined();
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('validateSuppliedExternalId', () => {
  it.each([
    'Zt8aQe3r1Lk0-vendor-tenant-4471',
    'arn:aws:iam::111122223333:tenant/9f2c/7d1b',
    'cust_01HZX3K9QW8M2V5T7N4B6R1P0S',
    'acme+prod=eu,w1/k9:zq-7_xr',
  ])('accepts the vendor-style id %s', async (value) => {
    expect(
      await validateSuppliedExternalId(value, { knownValues: ['111122223333'], strength: zxcvbnStrength }),
    ).toBeUndefined();
  });

  it.each([
    [
      'equals a known value, ignoring case',
      'SEC-123-migration-ticket',
      ['sec-123-migration-ticket'],
      /equals/,
    ],
    ['is the password placeholder', 'password1234567890', [], /dictionary|digits/],
    ['is a repeated character', 'zzzzzzzzzzzzzzzzzzzz', [], /distinct/],
    ['is a descending run', 'zyxwvutsrqponmlkji', [], /consecutive/],
  ])('refuses an id that %s', async (_case, value, knownValues, reason) => {
    expect(
      (await validateSuppliedExternalId(value, { knownValues, strength: zxcvbnStrength }))?.reason,
    ).toMatch(reason);
  });

  const request = [
    'arn:aws:iam::111122223333:role/ThirdPartyAuditor',
    '111122223333',
    'ThirdPartyAuditor',
    'SEC-123',
    'dave',
  ];
  it.each([
    ['a keyboard walk', 'qwertyuiopasdfgh'],
    ['an interleaved keyboard walk', '1q2w3e4r5t6y7u8i9o'],
    ['a l33t-spelled password, twice', 'P@ssw0rdP@ssw0rd'],
    ["the principal's name reversed", 'rotiduAytraPdrihT'],
    ['a common password repeated', 'trustno1trustno1'],
  ])('refuses %s, by the strength estimator', async (_case, value) => {
    expect(
      (await validateSuppliedExternalId(value, { knownValues: request, strength: zxcvbnStrength }))?.reason,
    ).toMatch(/strength estimator \(zxcvbn\) finds it in about 10\^\d guesses/);
  });
});
