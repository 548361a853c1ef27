import { join } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDITOR,
  auditRequest,
  type BrokerUnderTest,
  decideWhenWaiting,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';
import { runCli } from './support/cli-process';

const SPOKE = '222233334444';
let broker: BrokerUnderTest;
beforeAll(async () => {
  broker = await startBrokerUnderTest({
    targetAccounts: {
      [SPOKE]: {
        provisionerRoleArn: `arn:aws:iam::${SPOKE}:role/access-broker-provisioner`,
        externalId: 'spoke-Hq7x-2LmN-9pRt',
      },
    },
  });
});
afterAll(() => broker?.close());

const cli = (args: string[]) =>
  runCli(args, { BROKER_HOME: broker.home, BROKER_CONFIG_DIR: join(broker.home, 'no-logins') });
const trust = (principal: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  });

describe('the external access inventory', () => {
  it("lists a role planted outside the broker in every account it reaches, and marks the broker's own", async () => {
    const { description } = broker;
    // A grant through the broker, assumed once by the third party.
    const created = await broker.api('POST', '/v1/requests', {
      token: description.tokens.requester,
      body: auditRequest({ principal: description.demoThirdParty.principalArn, duration: 'PT10M' }),
    });
    await decideWhenWaiting(broker, created.body.id);
    const active = await statusOf(broker, created.body.id, 'ACTIVE');
    await broker.waitFor('the grant to be usable', async () =>
      Date.parse(active.grant.usableFrom) <= Date.now() ? true : undefined,
    );
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: description.awsEndpoint,
      credentials: description.demoThirdParty,
    });
    await sts.send(
      new AssumeRoleCommand({
        RoleArn: active.grant.roleArn,
        RoleSessionName: 'auditor',
        ExternalId: active.grant.externalId,
      }),
    );
    // Two roles an administrator made by hand: one trusts a vendor's account with no External ID, one only
    // this account (not external access).
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: description.awsEndpoint,
      credentials: description.operator,
    });
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'LegacyVendorAccess',
        AssumeRolePolicyDocument: trust('999988887777'),
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'InternalOps',
        AssumeRolePolicyDocument: trust(`arn:aws:iam::${broker.config.broker.homeAccountId}:root`),
      }),
    );

    // A grant in the spoke account: the broker reaches it through the spoke's provisioner role.
    const inSpoke = await broker.api('POST', '/v1/requests', {
      token: description.tokens.requester,
      body: auditRequest({ targetAccountId: SPOKE, duration: 'PT10M' }),
    });
    expect(inSpoke.status, JSON.stringify(inSpoke.body)).toBe(202);
    await decideWhenWaiting(broker, inSpoke.body.id);
    const spokeGrant = await statusOf(broker, inSpoke.body.id, 'ACTIVE');

    const listed = await cli(['external-access', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const { accounts } = JSON.parse(listed.stdout);
    const home = accounts.find((account: any) => account.accountId === broker.config.broker.homeAccountId);
    expect(home.roles).toEqual(
      expect.arrayContaining([
        {
          roleName: active.grant.roleArn.split('/').pop(),
          roleArn: active.grant.roleArn,
          createdAt: expect.any(String),
          madeByBroker: true,
          requestId: created.body.id,
          principals: [
            {
              principal: description.demoThirdParty.principalArn,
              accountId: '111122223333',
              externalIdRequired: true,
            },
          ],
          lastUsedAt: expect.any(String),
        },
        {
          roleName: 'LegacyVendorAccess',
          roleArn: `arn:aws:iam::${broker.config.broker.homeAccountId}:role/LegacyVendorAccess`,
          createdAt: expect.any(String),
          madeByBroker: false,
          principals: [{ principal: '999988887777', accountId: '999988887777', externalIdRequired: false }],
        },
      ]),
    );
    expect(home.roles).toHaveLength(2);
    // The spoke is read through its provisioner role, whose own trust (the broker's functions) is inside.
    expect(accounts.find((account: any) => account.accountId === SPOKE)).toEqual({
      accountId: SPOKE,
      roles: [
        expect.objectContaining({
          roleArn: spokeGrant.grant.roleArn,
          madeByBroker: true,
          requestId: inSpoke.body.id,
          principals: [expect.objectContaining({ principal: AUDITOR, externalIdRequired: true })],
        }),
      ],
    });

    const text = await cli(['external-access', '--not-ours']);
    expect(text.stdout).toContain('LegacyVendorAccess  NOT MADE BY THE BROKER');
    expect(text.stdout).toContain('trusts 999988887777  NO External ID');
    expect(text.stdout).not.toContain(active.grant.roleArn);
  });

  it('is for admins only', async () => {
    for (const token of [broker.description.tokens.requester, broker.description.tokens.approver])
      expect((await broker.api('GET', '/v1/external-access', { token })).status).toBe(403);
  });
});
