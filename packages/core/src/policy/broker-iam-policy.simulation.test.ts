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
