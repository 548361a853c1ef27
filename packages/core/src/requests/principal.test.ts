import { describe, expect, it } from 'vitest';
import { parsePrincipal } from './principal';

describe('parsePrincipal', () => {
  it.each([
    ['111122223333', 'aws', { arn: 'arn:aws:iam::111122223333:root', kind: 'account' }],
    ['111122223333', 'aws-cn', { arn: 'arn:aws-cn:iam::111122223333:root', kind: 'account' }],
    ['arn:aws:iam::111122223333:root', 'aws', { accountId: '111122223333', kind: 'account' }],
    [
      'arn:aws-us-gov:iam::111122223333:role/path/to/Auditor',
      'aws',
      { partition: 'aws-us-gov', kind: 'role' },
    ],
    ['arn:aws:iam::111122223333:user/ci+deploy@example.com', 'aws', { kind: 'user' }],
  ] as const)('accepts %s', (input, partition, expected) => {
    const result = parsePrincipal(input, partition);
    expect('principal' in result && result.principal).toMatchObject(expected);
  });
});
