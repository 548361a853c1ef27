import { describe, expect, it } from 'vitest';
import { auditRequestBody, testBroker, testConfig } from '../testing';
import { approvedRequest } from '../testing/use-case-fixtures';
import { createRequest } from '../requests/create-request';
import { recordActivity } from '../activity/record-activity';
import { provisionGrant } from './provision/provision-grant';
import { expireGrant, failProvisioning } from './end/end-grant';
import { reconcileOrphans } from './sweep/reconcile-orphans';
import { grantRoleArn } from './grant-accounts';

const HOME = '123456789012';
const SPOKE_A = '210987654321';
const SPOKE_B = '345678901234';
const ACCOUNTS = [HOME, SPOKE_A, SPOKE_B];
const spoke = (id: string) => ({ provisionerRoleArn: `arn:aws:iam::${id}:role/p`, externalId: 'spoke-xid' });

function orgBroker() {
  return testBroker(testConfig({ targetAccounts: { [SPOKE_A]: spoke(SPOKE_A), [SPOKE_B]: spoke(SPOKE_B) } }));
}
const rolesIn = (broker: ReturnType<typeof testBroker>, accountId: string) => [
  ...(broker.provisioner.byAccount.get(accountId) ?? []),
];

describe('an organization-wide grant', () => {
  it('is approved once, makes the same role in every account, and ends in every one at its expiry', async () => {
    const broker = orgBroker();
    const approved = await approvedRequest(broker, { targetAccountIds: ACCOUNTS });
    expect(approved).toMatchObject({ status: 'APPROVED', targetAccountId: HOME, targetAccountIds: ACCOUNTS });
    const active = await provisionGrant(broker, approved.id);
    expect(active.status).toBe('ACTIVE');
    for (const accountId of ACCOUNTS) expect(rolesIn(broker, accountId)).toEqual([active.roleName]);
    // Every account's role must keep its own account's boundary.
    const creates = broker.provisioner.calls.filter((call) => call.startsWith('create')).length;
    expect(creates).toBe(3);
    // Roles in the spokes are the grant's own, not orphans.
    broker.clock.advance(3_600_000);
    expect(await reconcileOrphans(broker)).toEqual([]);
    broker.clock.advance(2 * 3_600_000);
    expect((await expireGrant(broker, active.id)).status).toBe('REVOKED');
    for (const accountId of ACCOUNTS) expect(rolesIn(broker, accountId)).toEqual([]);
  });

  it('fails visibly when one account refuses, and leaves no role in the others', async () => {
    const broker = orgBroker();
    const approved = await approvedRequest(broker, { targetAccountIds: ACCOUNTS });
    broker.provisioner.failCreatesIn = SPOKE_B;
    await expect(provisionGrant(broker, approved.id)).rejects.toThrow(
      `injected create failure in ${SPOKE_B}`,
    );
    expect(rolesIn(broker, SPOKE_A)).toHaveLength(1);
    const failed = await failProvisioning(broker, {
      id: approved.id,
      error: 'CreateRole refused in 345678901234',
    });
    expect(failed).toMatchObject({
      status: 'FAILED',
      failure: { reason: 'CreateRole refused in 345678901234' },
    });
    for (const accountId of ACCOUNTS) expect(rolesIn(broker, accountId)).toEqual([]);
  });

  it("takes activity from any of its accounts, each with that account's role only", async () => {
    const broker = orgBroker();
    const active = await provisionGrant(
      broker,
      (await approvedRequest(broker, { targetAccountIds: ACCOUNTS })).id,
    );
    const call = (account: string, issuerAccount: string, eventID: string) => ({
      source: 'aws.s3',
      'detail-type': 'AWS API Call via CloudTrail',
      account,
      detail: {
        eventID,
        eventTime: new Date(Date.parse(active.activatedAt!) + 60_000).toISOString(),
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        recipientAccountId: account,
        userIdentity: {
          type: 'AssumedRole',
          accountId: account,
          arn: `arn:aws:sts::${account}:assumed-role/${active.roleName}/auditor`,
          sessionContext: {
            sessionIssuer: { type: 'Role', arn: grantRoleArn('aws', issuerAccount, active.roleName!) },
          },
        },
      },
    });
    await expect(recordActivity(broker, call(SPOKE_A, SPOKE_A, 'e-a'))).resolves.toBe('recorded');
    await expect(recordActivity(broker, call(SPOKE_B, SPOKE_A, 'e-b'))).resolves.toBe('not this grant');
    await expect(recordActivity(broker, call('999999999999', '999999999999', 'e-c'))).resolves.toBe(
      'not this grant',
    );
    expect((await broker.activity.list(active.id)).map((entry) => entry.accountId)).toEqual([SPOKE_A]);
  });

  it('refuses, naming each field: an account the broker does not reach, both forms, a repeat, {{accountId}}', async () => {
    const broker = testBroker(
      testConfig({
        targetAccounts: { [SPOKE_A]: spoke(SPOKE_A) },
        profiles: {
          ...testConfig().profiles,
          'own-bucket': {
            description: 'the account-named bucket',
            statements: [
              { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::logs-{{accountId}}' },
            ],
            approval: { approverGroup: 'security' },
          },
        },
      }),
    );
    const refused = (overrides: Record<string, unknown>) =>
      createRequest(broker, { body: auditRequestBody(overrides), actor: 'jira' }).then(
        () => [],
        (error: { issues: { field: string }[] }) => error.issues.map((issue) => issue.field),
      );
    expect(await refused({ targetAccountIds: [HOME, '999999999999'] })).toEqual(['targetAccountIds[1]']);
    expect(await refused({ targetAccountIds: [HOME, SPOKE_A], targetAccountId: HOME })).toEqual([
      'targetAccountIds',
    ]);
    expect(await refused({ targetAccountIds: [HOME, HOME] })).toEqual(['targetAccountIds']);
    expect(await refused({ targetAccountIds: [HOME] })).toEqual(['targetAccountIds']);
    expect(
      await refused({
        targetAccountIds: [HOME, SPOKE_A],
        profile: 'own-bucket',
        parameters: undefined,
        ticket: undefined,
      }),
    ).toEqual(['targetAccountIds']);
    expect(broker.store.records.size).toBe(0);
  });
});
