import { join } from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrokerUnderTest,
  decideWhenWaiting,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';
import { runCli } from './support/cli-process';
import { startWebhookReceiver } from './support/webhook-receiver';

let broker: BrokerUnderTest;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  broker = await startBrokerUnderTest();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await broker?.close();
  await receiver?.close();
});

const cli = (args: string[]) =>
  runCli(args, { BROKER_HOME: broker.home, BROKER_CONFIG_DIR: join(broker.home, 'no-logins') });
const EXTERNAL_ID = 'init-7Fq2-Lw9x-Zr4k-Pm8v';
const grantRoles = () =>
  [...broker.aws.state.roles.values()].filter((role) => role.path === '/access-broker/');

async function file(duration = 'PT10M') {
  const created = await broker.api('POST', '/v1/requests', {
    token: broker.description.tokens.requester,
    body: {
      vendor: 'initech',
      profile: 's3-audit-read',
      parameters: { bucket: 'awsproduction345' },
      duration,
      justification: 'Quarterly review by Initech',
      requester: { id: 'dave' },
    },
  });
  return created;
}

describe('suspending a vendor: the kill switch', () => {
  it('ends every grant of the vendor (one mid-provisioning), cancels its pending request and refuses new ones', async () => {
    const { principalArn } = broker.description.demoThirdParty;
    const { tokens } = broker.description;
    const registered = await broker.api('PUT', '/v1/vendors/initech', {
      token: tokens.admin,
      body: {
        displayName: 'Initech',
        principals: [principalArn],
        externalId: EXTERNAL_ID,
        webhook: { url: `${receiver.url}/initech` },
      },
    });
    expect(registered.status).toBe(201);
    const secret = registered.body.webhook.secret as string;

    const live = (await file()).body.id as string;
    await decideWhenWaiting(broker, live);
    const active = await statusOf(broker, live, 'ACTIVE');
    const pending = (await file()).body.id as string;
    await statusOf(broker, pending, 'PENDING_APPROVAL');
    // The third grant is mid-provisioning when the admin acts: IAM takes 4 s to create its role.
    broker.aws.faults.configure({ rules: { CreateRole: { latencyMs: 4000 } } });
    const provisioning = (await file()).body.id as string;
    await decideWhenWaiting(broker, provisioning);
    await statusOf(broker, provisioning, 'PROVISIONING');

    const suspended = await cli(['vendor', 'suspend', 'initech', '--comment', 'breach reported', '--json']);
    broker.aws.faults.configure(undefined);
    expect(suspended.code, suspended.stderr).toBe(0);
    const result = JSON.parse(suspended.stdout);
    expect(result.vendor.suspension).toMatchObject({ by: 'api:admin', comment: 'breach reported' });
    expect(Object.fromEntries(result.ended.map((grant: any) => [grant.id, grant.status]))).toEqual({
      [live]: 'REVOKED',
      [pending]: 'CANCELLED',
      [provisioning]: 'REVOKED',
    });
    expect(result.failed).toEqual([]);
    // Everything ended: the suspension is settled, so the sweeper (which finishes one cut short) has nothing to
    // do, and the deployed sweep function may read the vendors to know it.
    expect(result.vendor.suspension.settledAt).toEqual(expect.any(String));
    expect(await broker.sweepNow()).toMatchObject({ endedForSuspendedVendors: 0 });

    // The role whose CreateRole was in flight is removed by the provisioning itself, once IAM answers.
    await broker.waitFor('every role of the vendor to be gone', async () =>
      grantRoles().length === 0 ? true : undefined,
    );
    expect((await statusOf(broker, provisioning, 'REVOKED')).revocation).toMatchObject({
      reason: 'vendor-suspended',
      by: 'api:admin',
    });
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: broker.description.awsEndpoint,
      credentials: broker.description.demoThirdParty,
      maxAttempts: 1,
    });
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: active.grant.roleArn,
          RoleSessionName: 'initech',
          ExternalId: EXTERNAL_ID,
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });

    // Nothing new for the vendor: the request names the field and why, and stores nothing.
    const refused = await file();
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'vendor', reason: 'is suspended: no new access until an admin resumes it' },
    ]);

    // Audited and announced: the vendor's history, an event, and the vendor hears why its access ended.
    await broker.eventsDelivered();
    expect(broker.vendorEvents.find((event) => event.detailType === 'Vendor Suspended')?.detail).toEqual({
      eventId: 'vendor:initech:2',
      vendorId: 'initech',
      actor: 'api:admin',
      reason: 'breach reported',
    });
    const ended = await broker.waitFor('the access.ended hand-off', async () =>
      receiver
        .accepted('/initech', secret)
        .find(
          (delivery) => delivery.payload.type === 'access.ended' && delivery.payload.data.requestId === live,
        ),
    );
    expect(ended.payload.data).toMatchObject({ status: 'REVOKED', reason: 'vendor-suspended' });
    const shown = await cli(['vendor', 'initech']);
    expect(shown.stdout).toMatch(/SUSPENDED {5}since \S+ by api:admin: breach reported/);

    // Resume is explicit, and brings nothing back.
    const resumed = await cli(['vendor', 'resume', 'initech', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).suspension).toBeUndefined();
    expect((await file()).status).toBe(202);
    expect((await statusOf(broker, live, 'REVOKED')).status).toBe('REVOKED');
  });

  it('is for admins only', async () => {
    const { tokens } = broker.description;
    for (const token of [tokens.requester, tokens.approver]) {
      const answer = await broker.api('POST', '/v1/vendors/initech/suspend', { token, body: {} });
      expect(answer.status).toBe(403);
    }
    const missing = await broker.api('POST', '/v1/vendors/nobody/suspend', { token: tokens.admin, body: {} });
    expect(missing.status).toBe(404);
  });
});
