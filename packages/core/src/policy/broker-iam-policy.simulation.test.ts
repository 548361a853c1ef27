import { brokerPolicyCases } from '../../test/support/broker-policy-cases';
import { decideWithIdentityPolicy } from '../../../../test/support/simulate-identity-policy';
import { describe, expect, it } from 'vitest';
import { buildBrokerIamPolicy } from './broker-iam-policy';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/access-broker/access-broker-boundary';
const policy = buildBrokerIamPolicy({
  partition: 'aws',
  accountId: '123456789012',
  boundaryArn: BOUNDARY,
  managedPolicyArns: ['arn:aws:iam::aws:policy/SecurityAudit'],
});
const GRANT_ROLE = 'arn:aws:iam::123456789012:role/access-broker/access-broker-req1';
const cases = brokerPolicyCases({ grantRole: GRANT_ROLE, boundaryArn: BOUNDARY });

const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
  decideWithIdentityPolicy(policy, {
    principal: 'arn:aws:iam::123456789012:role/broker',
    action,
    resource,
    context,
  });

describe("the broker's own IAM policy", () => {
  it.each(cases.allowed)('allows %s', async (_case, action, resource, context) => {
    expect(await decide(action, resource, context)).toBe('Allowed');
  });

  it.each(cases.denied)('denies %s', async (_case, action, resource, context) => {
    expect(await decide(action, resource, context)).not.toBe('Allowed');
  });
});

describe('with access-key vendors on', () => {
  const withKeyUsers = buildBrokerIamPolicy({
    partition: 'aws',
    accountId: '123456789012',
    boundaryArn: BOUNDARY,
    managedPolicyArns: [],
    keyUsers: true,
  });
  const KEY_USER = 'arn:aws:iam::123456789012:user/access-broker/access-broker-req1';
  const decideKey = (action: string, resource: string, context: Record<string, string> = {}) =>
    decideWithIdentityPolicy(withKeyUsers, {
      principal: 'arn:aws:iam::123456789012:role/broker',
      action,
      resource,
      context,
    });

  it.each([
    [
      'a key user under the path, with its boundary',
      'iam:CreateUser',
      KEY_USER,
      { 'iam:PermissionsBoundary': `${BOUNDARY}-key-user` },
    ],
    ['its access key', 'iam:CreateAccessKey', KEY_USER, {}],
    ['deactivating it', 'iam:UpdateAccessKey', KEY_USER, {}],
    ['deleting it', 'iam:DeleteUser', KEY_USER, {}],
  ])('allows %s', async (_case, action, resource, context) => {
    expect(await decideKey(action, resource, context)).toBe('Allowed');
  });

  it.each([
    [
      "a key user with the grant roles' boundary",
      'iam:CreateUser',
      KEY_USER,
      { 'iam:PermissionsBoundary': BOUNDARY },
    ],
    ['a key user without a boundary', 'iam:CreateUser', KEY_USER, {}],
    [
      'a user elsewhere',
      'iam:CreateUser',
      'arn:aws:iam::123456789012:user/admin',
      { 'iam:PermissionsBoundary': `${BOUNDARY}-key-user` },
    ],
    ["another user's keys", 'iam:CreateAccessKey', 'arn:aws:iam::123456789012:user/admin', {}],
    ['removing its boundary', 'iam:DeleteUserPermissionsBoundary', KEY_USER, {}],
  ])('denies %s', async (_case, action, resource, context) => {
    expect(await decideKey(action, resource, context)).not.toBe('Allowed');
  });

  it('has no user statement at all when the config leaves them off', () => {
    expect(JSON.stringify(policy)).not.toContain('User');
  });
});
