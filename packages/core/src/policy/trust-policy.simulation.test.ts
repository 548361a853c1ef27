import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { buildPermissionPolicy } from './permission-policy';
import { buildSessionRevokePolicy } from './session-revoke-policy';
import { buildTrustPolicy } from './trust-policy';

// iam-simulate is AGPL: used here, in a test, and never in code that ships in a Lambda.
const ROLE_ARN = 'arn:aws:iam::123456789012:role/access-broker/access-broker-req0001';
const AUDITOR = 'arn:aws:iam::111122223333:role/ThirdPartyAuditor';
const EXTERNAL_ID = 'Zt8aQe3r1Lk0-vendor-tenant-4471';
const expiresAt = new Date('2026-11-23T14:00:00Z');
const trust = buildTrustPolicy({ principalArn: AUDITOR, externalId: EXTERNAL_ID, expiresAt });

async function assumeRole(caller: string, context: Record<string, string>) {
  const result = await runSimulation(
    {
      request: {
        principal: caller,
        action: 'sts:AssumeRole',
        resource: { resource: ROLE_ARN, accountId: '123456789012' },
        contextVariables: context,
      },
      // The third party's own account lets its role call AssumeRole on anything; the trust policy decides.
      identityPolicies: [
        {
          name: 'caller',
          policy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
          },
        },
      ],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust,
    },
    {},
  );
  if (result.resultType !== 'single') throw new Error(`unexpected simulation result ${result.resultType}`);
  return result.overallResult;
}

const session = (role: string) =>
  role.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/') + '/audit-session';
const before = '2026-11-23T13:59:59Z';

describe('the generated trust policy, evaluated as IAM would', () => {
  it('allows the named principal with the right External ID before expiry', async () => {
    expect(
      await assumeRole(session(AUDITOR), { 'sts:ExternalId': EXTERNAL_ID, 'aws:CurrentTime': before }),
    ).toBe('Allowed');
  });

  it.each([
    [
      'a wrong External ID',
      session(AUDITOR),
      { 'sts:ExternalId': `${EXTERNAL_ID}x`, 'aws:CurrentTime': before },
    ],
    ['no External ID', session(AUDITOR), { 'aws:CurrentTime': before }],
    [
      'another account',
      session('arn:aws:iam::444455556666:role/ThirdPartyAuditor'),
      { 'sts:ExternalId': EXTERNAL_ID, 'aws:CurrentTime': before },
    ],
    [
      'another role of the same account',
      session('arn:aws:iam::111122223333:role/Intern'),
      { 'sts:ExternalId': EXTERNAL_ID, 'aws:CurrentTime': before },
    ],
    [
      'the expiry second itself',
      session(AUDITOR),
      { 'sts:ExternalId': EXTERNAL_ID, 'aws:CurrentTime': '2026-11-23T14:00:00Z' },
    ],
    [
      'any time after expiry',
      session(AUDITOR),
      { 'sts:ExternalId': EXTERNAL_ID, 'aws:CurrentTime': '2027-01-01T00:00:00Z' },
    ],
  ])('denies %s', async (_case, caller, context) => {
    expect(await assumeRole(caller, context)).not.toBe('Allowed');
  });
});

describe('the grant permission policy and the teardown deny', () => {
  const permissions = buildPermissionPolicy(
    [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::awsproduction345/*'] }],
    expiresAt,
  );
  const getObject = async (
    policies: { name: string; policy: unknown }[],
    context: Record<string, string>,
  ) => {
    const result = await runSimulation(
      {
        request: {
          principal: `arn:aws:sts::123456789012:assumed-role/access-broker-req0001/audit-session`,
          action: 's3:GetObject',
          resource: { resource: 'arn:aws:s3:::awsproduction345/report.csv', accountId: '123456789012' },
          contextVariables: context,
        },
        identityPolicies: policies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    return result.resultType === 'single' ? result.overallResult : result.resultType;
  };

  it('lets a session read before expiry and denies the same session after it', async () => {
    const issued = { 'aws:TokenIssueTime': '2026-11-23T12:30:00Z' };
    expect(
      await getObject([{ name: 'grant', policy: permissions }], { ...issued, 'aws:CurrentTime': before }),
    ).toBe('Allowed');
    expect(
      await getObject([{ name: 'grant', policy: permissions }], {
        ...issued,
        'aws:CurrentTime': '2026-11-23T14:00:01Z',
      }),
    ).toBe('ExplicitlyDenied');
  });

  it.each([
    ['issued before teardown began', '2026-11-23T12:30:00Z'],
    ['issued while teardown runs', '2026-11-23T13:00:03Z'],
  ])('revokes sessions %s', async (_case, issued) => {
    const policies = [
      { name: 'managed', policy: permissions },
      { name: 'revoke', policy: buildSessionRevokePolicy() },
    ];
    const context = { 'aws:TokenIssueTime': issued, 'aws:CurrentTime': '2026-11-23T13:00:05Z' };
    expect(await getObject(policies, context)).toBe('ExplicitlyDenied');
  });
});
