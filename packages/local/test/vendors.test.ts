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

let broker: BrokerUnderTest;
beforeAll(async () => {
  broker = await startBrokerUnderTest();
});
afterAll(async () => {
  await broker?.close();
});

const cli = (args: string[]) =>
  runCli(args, { BROKER_HOME: broker.home, BROKER_CONFIG_DIR: join(broker.home, 'no-logins') });
const ACME_EXTERNAL_ID = 'acme-7Fq2-Lw9x-Zr4k-Pm8v';

describe('vendors: the third parties, registered once and named by requests', () => {
  it('registers a vendor, files a request by its name, and grants its principal with its External ID', async () => {
    const { principalArn } = broker.description.demoThirdParty;
    const registered = await cli([
      'register-vendor',
      'acme',
      '--name',
      'Acme Audit LLP',
      '--principal',
      principalArn,
      '--external-id',
      ACME_EXTERNAL_ID,
      '--webhook-url',
      'https://acme.example/hooks/access',
      '--json',
    ]);
    expect(registered.code, registered.stderr).toBe(0);
    const vendor = JSON.parse(registered.stdout);
    // The webhook secret is shown to the admin once; the External ID never.
    expect(vendor).toMatchObject({
      id: 'acme',
      hasExternalId: true,
      webhook: { secret: expect.stringMatching(/^whsec_/) },
    });
    expect(registered.stdout).not.toContain(ACME_EXTERNAL_ID);
    const shown = JSON.parse((await cli(['vendor', 'acme', '--json'])).stdout);
    expect(shown.webhook).toEqual({ url: 'https://acme.example/hooks/access' });

    const filed = await cli([
      'request',
      '--vendor',
      'acme',
      '--profile',
      's3-audit-read',
      '--param',
      'bucket=awsproduction345',
      '--duration',
      'PT1M',
      '--justification',
      'Annual audit',
      '--requester',
      'dave',
      '--json',
    ]);
    expect(filed.code, filed.stderr).toBe(0);
    const { id } = JSON.parse(filed.stdout);
    await decideWhenWaiting(broker, id);
    const active = await statusOf(broker, id, 'ACTIVE');
    expect(active).toMatchObject({
      vendor: { id: 'acme', displayName: 'Acme Audit LLP' },
      principal: { arn: principalArn },
      externalIdSource: 'vendor',
      grant: { externalId: ACME_EXTERNAL_ID },
    });
    expect((await cli(['status', id])).stdout).toContain(`third party   Acme Audit LLP (${principalArn})`);

    // The vendor assumes the role with the External ID it gave the company, no hand-copying.
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: broker.description.awsEndpoint,
      credentials: broker.description.demoThirdParty,
      maxAttempts: 1,
    });
    await broker.waitFor('the grant to be usable', async () =>
      Date.parse(active.grant.usableFrom) <= Date.now() ? true : undefined,
    );
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: active.grant.roleArn,
        RoleSessionName: 'acme',
        ExternalId: ACME_EXTERNAL_ID,
      }),
    );
    expect(assumed.Credentials?.AccessKeyId).toBeDefined();

    // People and ticketing see the vendor's name; no event carries the External ID.
    const outbox = JSON.stringify(await broker.outbox());
    expect(outbox).toContain('Acme Audit LLP');
    await broker.eventsDelivered();
    const granted = broker.events.find(
      (event) => event.detailType === 'Access Granted' && event.detail.requestId === id,
    );
    expect(granted?.detail.vendor).toEqual({ id: 'acme', name: 'Acme Audit LLP' });
    expect(JSON.stringify(broker.events)).not.toContain(ACME_EXTERNAL_ID);
    expect(outbox).not.toContain(ACME_EXTERNAL_ID);
  });

  it('lets only admins register, and refuses a bad registration with problem+json naming each field', async () => {
    const { tokens } = broker.description;
    const body = { displayName: 'Evil', principals: ['arn:aws:iam::111122223333:role/X'] };
    const byRequester = await broker.api('PUT', '/v1/vendors/evil', { token: tokens.requester, body });
    expect(byRequester.status).toBe(403);
    expect(byRequester.headers.get('content-type')).toBe('application/problem+json');
    const bad = await broker.api('PUT', '/v1/vendors/Evil_Corp', {
      token: tokens.admin,
      body: { displayName: '', principals: ['*'], externalId: '123456789012' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['id', 'displayName']),
    );
    expect((await broker.api('GET', '/v1/vendors/evil', { token: tokens.admin })).status).toBe(404);
  });
});
