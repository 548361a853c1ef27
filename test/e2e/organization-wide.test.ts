import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRequest,
  type BrokerUnderTest,
  decideWhenWaiting,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';

const SPOKES = ['222233334444', '555566667777'];
let broker: BrokerUnderTest;
beforeAll(async () => {
  broker = await startBrokerUnderTest({
    targetAccounts: Object.fromEntries(
      SPOKES.map((id) => [
        id,
        {
          provisionerRoleArn: `arn:aws:iam::${id}:role/access-broker-provisioner`,
          externalId: `spoke-${id}`,
        },
      ]),
    ),
  });
});
afterAll(() => broker?.close());

const grantRolesIn = (accountId: string) =>
  [...broker.aws.state.roles.values()].filter(
    (role) => role.path === '/access-broker/' && role.accountId === accountId,
  );

describe('an organization-wide grant', () => {
  it('is approved once, assumable in each of three accounts, and ends in each at its expiry', async () => {
    const { description } = broker;
    const accounts = [broker.config.broker.homeAccountId, ...SPOKES];
    const created = await broker.api('POST', '/v1/requests', {
      token: description.tokens.requester,
      body: auditRequest({
        principal: description.demoThirdParty.principalArn,
        targetAccountIds: accounts,
        duration: 'PT10S',
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const id = created.body.id as string;
    // One approval message for all three accounts.
    const posted = await broker.waitFor('the approval message', async () => {
      const messages = (await broker.outbox()).filter(
        (message) => message.method === 'chat.postMessage' && JSON.stringify(message).includes(id),
      );
      return messages.length > 0 ? messages : undefined;
    });
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).toContain(accounts.join(', '));
    await decideWhenWaiting(broker, id);
    const active = await statusOf(broker, id, 'ACTIVE');
    expect(active.targetAccountIds).toEqual(accounts);
    expect(active.approvals).toHaveLength(1);
    const roles = active.grant.roles as { accountId: string; roleArn: string; awsCliProfile: string }[];
    expect(roles.map((role) => role.accountId)).toEqual(accounts);
    for (const role of roles) {
      expect(role.roleArn).toBe(`arn:aws:iam::${role.accountId}:role/access-broker/access-broker-${id}`);
      expect(role.awsCliProfile).toContain(`[profile access-broker-${id}-${role.accountId}]`);
      expect(role.awsCliProfile).toContain(`external_id = ${active.grant.externalId}`);
    }
    await broker.waitFor('the grant to be usable', async () =>
      Date.parse(active.grant.usableFrom) <= Date.now() ? true : undefined,
    );
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: description.awsEndpoint,
      credentials: description.demoThirdParty,
    });
    for (const role of roles) {
      const { Credentials } = await sts.send(
        new AssumeRoleCommand({
          RoleArn: role.roleArn,
          RoleSessionName: 'auditor',
          ExternalId: active.grant.externalId,
        }),
      );
      const session = new STSClient({
        region: 'us-east-1',
        endpoint: description.awsEndpoint,
        credentials: {
          accessKeyId: Credentials!.AccessKeyId!,
          secretAccessKey: Credentials!.SecretAccessKey!,
          sessionToken: Credentials!.SessionToken!,
        },
      });
      expect((await session.send(new GetCallerIdentityCommand({}))).Account).toBe(role.accountId);
      session.destroy();
    }
    // The evidence says which account each call was made in.
    const activity = await broker.waitFor('a call in every account as activity', async () => {
      const { body } = await broker.api('GET', `/v1/requests/${id}/activity`, {
        token: description.tokens.requester,
      });
      const seen = new Set(body.items.map((item: { accountId: string }) => item.accountId));
      return accounts.every((account) => seen.has(account)) ? body : undefined;
    });
    expect(activity.summary.calls).toBeGreaterThanOrEqual(3);

    // One expiry ends it in every account.
    const ended = await statusOf(broker, id, 'REVOKED');
    expect(ended.revocation.reason).toBe('expired');
    for (const accountId of accounts) expect(grantRolesIn(accountId)).toEqual([]);
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: roles[2]!.roleArn,
          RoleSessionName: 'auditor',
          ExternalId: active.grant.externalId,
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    sts.destroy();
  }, 60_000);

  it('refuses an account the broker does not reach, naming it, and creates nothing', async () => {
    const refused = await broker.api('POST', '/v1/requests', {
      token: broker.description.tokens.requester,
      body: auditRequest({ targetAccountIds: [SPOKES[0], '999999999999'] }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'targetAccountIds[1]', reason: 'is not an account this broker provisions into' },
    ]);
  });
});
