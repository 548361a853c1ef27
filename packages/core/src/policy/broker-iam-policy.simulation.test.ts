import { runSimulation } from '@cloud-copilot/iam-simulate';
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

async function decide(action: string, resource: string, context: Record<string, string> = {}) {
  const result = await runSimulation(
    {
      request: {
        principal: 'arn:aws:iam::123456789012:role/broker',
        action,
        resource: { resource, accountId: '123456789012' },
        contextVariables: context,
      },
      identityPolicies: [{ name: 'broker', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  return result.resultType === 'single' ? result.overallResult : result.resultType;
}

describe("the broker's own IAM policy", () => {
  it.each([
    ['CreateRole with the boundary', 'iam:CreateRole', GRANT_ROLE, { 'iam:PermissionsBoundary': BOUNDARY }],
    ['PutRolePolicy on a grant role', 'iam:PutRolePolicy', GRANT_ROLE, {}],
    ['DeleteRole of a grant role', 'iam:DeleteRole', GRANT_ROLE, {}],
    [
      'attaching a profile policy',
      'iam:AttachRolePolicy',
      GRANT_ROLE,
      { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/SecurityAudit' },
    ],
  ])('allows %s', async (_case, action, resource, context) => {
    expect(await decide(action, resource, context)).toBe('Allowed');
  });

  it.each([
    ['CreateRole without a boundary', 'iam:CreateRole', GRANT_ROLE, {}],
    [
      'CreateRole with another boundary',
      'iam:CreateRole',
      GRANT_ROLE,
      { 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ],
    [
      'CreateRole on another path',
      'iam:CreateRole',
      'arn:aws:iam::123456789012:role/admin',
      { 'iam:PermissionsBoundary': BOUNDARY },
    ],
    [
      'DeleteRole outside /access-broker/',
      'iam:DeleteRole',
      'arn:aws:iam::123456789012:role/OrganizationAccountAccessRole',
      {},
    ],
    [
      'attaching AdministratorAccess',
      'iam:AttachRolePolicy',
      GRANT_ROLE,
      { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ],
    ['removing a grant role boundary', 'iam:DeleteRolePermissionsBoundary', GRANT_ROLE, {}],
    ['editing the boundary policy', 'iam:CreatePolicyVersion', BOUNDARY, {}],
    ['deleting the boundary policy', 'iam:DeletePolicy', BOUNDARY, {}],
    ['creating a user', 'iam:CreateUser', 'arn:aws:iam::123456789012:user/backdoor', {}],
  ])('denies %s', async (_case, action, resource, context) => {
    expect(await decide(action, resource, context)).not.toBe('Allowed');
  });
});
