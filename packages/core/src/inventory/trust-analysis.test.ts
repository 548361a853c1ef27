import { describe, expect, it } from 'vitest';
import { externalPrincipals } from './trust-analysis';

const inside = { accounts: new Set(['123456789012', '210987654321']), organizationId: 'o-a1b2c3d4e5' };
const trust = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 'sts:AssumeRole',
  ...extra,
});

describe('who outside may assume a role', () => {
  it('names an outside account in every spelling IAM accepts, with or without an External ID', () => {
    expect(
      externalPrincipals(
        trust(
          allow({ AWS: '111122223333' }),
          allow(
            { AWS: ['arn:aws:iam::444455556666:role/Vendor', 'arn:aws:iam::123456789012:root'] },
            { Condition: { StringEquals: { 'STS:ExternalId': 'x7Kq2LmN9pRt4VwZ' } } },
          ),
          allow({ AWS: 'arn:aws:sts::777788889999:assumed-role/Ci/session' }),
        ),
        inside,
      ),
    ).toEqual([
      { principal: '111122223333', accountId: '111122223333', externalIdRequired: false },
      {
        principal: 'arn:aws:iam::444455556666:role/Vendor',
        accountId: '444455556666',
        externalIdRequired: true,
      },
      {
        principal: 'arn:aws:sts::777788889999:assumed-role/Ci/session',
        accountId: '777788889999',
        externalIdRequired: false,
      },
    ]);
  });

  it.each([
    ['Principal "*"', trust(allow('*'))],
    ['AWS "*"', trust(allow({ AWS: '*' }))],
    [
      'NotPrincipal',
      trust({ Effect: 'Allow', NotPrincipal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }),
    ],
    ['a wildcard action', trust(allow({ AWS: '*' }, { Action: 'sts:Assume*' }))],
    ['NotAction', trust({ Effect: 'Allow', Principal: '*', NotAction: 'iam:*' })],
    ['an unreadable policy', '{not json'],
  ])('treats %s as anyone', (_, policy) => {
    expect(externalPrincipals(policy, inside)).toEqual([{ principal: '*', externalIdRequired: false }]);
  });

  it('reports an id IAM left for a deleted principal, and a wildcard External ID as none', () => {
    expect(
      externalPrincipals(
        trust(
          allow({ AWS: 'AROAEXAMPLEDELETEDID' }),
          allow({ AWS: '111122223333' }, { Condition: { StringLike: { 'sts:ExternalId': '*' } } }),
        ),
        inside,
      ),
    ).toEqual([
      { principal: 'AROAEXAMPLEDELETEDID', externalIdRequired: false },
      { principal: '111122223333', accountId: '111122223333', externalIdRequired: false },
    ]);
  });

  it('leaves out the broker accounts, services, federation, denials, and trust limited to the organization', () => {
    expect(
      externalPrincipals(
        trust(
          allow({ AWS: 'arn:aws:iam::210987654321:role/Ops' }),
          allow({ Service: 'lambda.amazonaws.com' }),
          {
            ...allow({ Federated: 'arn:aws:iam::123456789012:oidc-provider/x' }),
            Action: 'sts:AssumeRoleWithWebIdentity',
          },
          { ...allow({ AWS: '111122223333' }), Effect: 'Deny' },
          allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
          allow('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': ['123456789012'] } } }),
          allow({ AWS: '111122223333' }, { Action: 'sts:TagSession' }),
        ),
        inside,
      ),
    ).toEqual([]);
  });

  it('does not take another organization, or a loose operator, as inside', () => {
    const anyoneIn = (condition: unknown) =>
      externalPrincipals(trust(allow('*', { Condition: condition })), inside).length;
    expect(anyoneIn({ StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } })).toBe(1);
    expect(anyoneIn({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } })).toBe(1);
    expect(anyoneIn({ StringEquals: { 'aws:PrincipalAccount': ['123456789012', '999999999999'] } })).toBe(1);
    expect(
      externalPrincipals(
        trust(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })),
        {
          accounts: inside.accounts,
        },
      ),
    ).toHaveLength(1);
  });
});
