import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrokerUnderTest,
  decideWhenWaiting,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';
import { auditRequestArgs, runCli } from './support/cli-process';
import { startWebhookReceiver } from './support/webhook-receiver';

let broker: BrokerUnderTest;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let hookUrl: string;
beforeAll(async () => {
  broker = await startBrokerUnderTest();
  receiver = await startWebhookReceiver();
  hookUrl = receiver.url;
});
afterAll(async () => {
  await broker?.close();
  await receiver?.close();
});
const accepted = (path: string, secret: string) => receiver.accepted(path, secret);

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
      `${hookUrl}/acme`,
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
    expect(shown.webhook).toEqual({ url: `${hookUrl}/acme` });

    const filed = await cli([...auditRequestArgs('dave', { vendor: 'acme' }), '--json']);
    expect(filed.code, filed.stderr).toBe(0);
    const { id } = JSON.parse(filed.stdout);
    await decideWhenWaiting(broker, id);
    const active = await statusOf(broker, id, 'ACTIVE');
    expect(active).toMatchObject({
      vendor: { id: 'acme', displayName: 'Acme Audit LLP' },
      principal: { arn: principalArn },
      externalIdSource: 'vendor',
      grant: { awsCliProfile: expect.stringContaining('external_id = <your External ID for this company>') },
    });
    // The vendor's own External ID leaves the broker through no route: not to the filer, not to an admin.
    expect(active.grant.externalId).toBeUndefined();
    for (const token of [broker.description.tokens.requester, broker.description.tokens.admin])
      for (const path of [
        `/v1/requests/${id}`,
        `/v1/requests/${id}/audit`,
        `/v1/requests/${id}/evidence`,
        '/v1/vendors/acme',
      ])
        expect(JSON.stringify((await broker.api('GET', path, { token })).body)).not.toContain(
          ACME_EXTERNAL_ID,
        );
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
    const grantedEvent = broker.events.find(
      (event) => event.detailType === 'Access Granted' && event.detail.requestId === id,
    );
    expect(grantedEvent?.detail).toMatchObject({ roleArn: active.grant.roleArn, profile: 's3-audit-read' });
    expect(grantedEvent?.detail.vendor).toEqual({ id: 'acme', name: 'Acme Audit LLP' });
    expect(JSON.stringify(broker.events)).not.toContain(ACME_EXTERNAL_ID);
    expect(outbox).not.toContain(ACME_EXTERNAL_ID);

    // The hand-off: signed (Standard Webhooks), retried after the vendor's 503, everything needed to
    // connect — and not the External ID, which is the vendor's own.
    const secret = vendor.webhook.secret as string;
    const granted = await broker.waitFor('the access.granted hand-off', async () =>
      accepted('/acme', secret).find((delivery) => delivery.payload.type === 'access.granted'),
    );
    expect(granted.payload.data).toMatchObject({
      requestId: id,
      vendor: 'acme',
      roleArn: active.grant.roleArn,
      region: 'us-east-1',
      expiresAt: active.grant.expiresAt,
      profile: 's3-audit-read',
      externalIdSource: 'vendor',
      awsCliProfile: expect.stringContaining(`role_arn = ${active.grant.roleArn}`),
    });
    expect(JSON.stringify(granted.payload)).not.toContain(ACME_EXTERNAL_ID);
    const attempts = receiver.received.filter((delivery) => delivery.headers['webhook-id'] === granted.id);
    expect(attempts.map((attempt) => attempt.answered)).toEqual([503, 204]);
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32).toString('base64')}`).verify(
        attempts[1]!.body,
        attempts[1]!.headers as Record<string, string>,
      ),
    ).toThrow();

    // The vendor opens the console with its own credentials: AssumeRole with its External ID, the federation
    // endpoint's sign-in token, and a one-time URL that redirects to the console in the grant's region.
    const config = join(broker.home, 'vendor-aws-config');
    const profile = String(granted.payload.data.awsCliProfile).replace(
      '<your External ID for this company>',
      ACME_EXTERNAL_ID,
    );
    await writeFile(config, profile);
    const vendorShell = {
      AWS_CONFIG_FILE: config,
      AWS_ACCESS_KEY_ID: broker.description.demoThirdParty.accessKeyId,
      AWS_SECRET_ACCESS_KEY: broker.description.demoThirdParty.secretAccessKey,
      AWS_ENDPOINT_URL_STS: broker.description.awsEndpoint,
      BROKER_FEDERATION_ENDPOINT: `${broker.description.awsEndpoint}/federation`,
    };
    const opened = await runCli(['console', id, '--minutes', '30', '--json'], vendorShell);
    expect(opened.code, opened.stderr).toBe(0);
    const { url } = JSON.parse(opened.stdout);
    const login = await fetch(url, { redirect: 'manual' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe(
      'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1',
    );
    // Asked for 30 minutes of a grant that has less: the session is AWS's shortest, 15 minutes.
    expect(login.headers.get('set-cookie')).toMatch(/aws-console-session=ASIA\w+; Max-Age=(8[5-9]\d|900);/);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
    const wrong = await runCli(['console', id, '--external-id', 'not-the-vendors-external-id'], vendorShell);
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/cannot open the console: .*not authorized to perform: sts:AssumeRole/);

    // When it ends, the vendor is told why.
    expect((await cli(['revoke', id, '--reason', 'audit finished'])).code).toBe(0);
    const ended = await broker.waitFor('the access.ended hand-off', async () =>
      accepted('/acme', secret).find((delivery) => delivery.payload.type === 'access.ended'),
    );
    expect(ended.payload.data).toMatchObject({ requestId: id, status: 'REVOKED', reason: 'revoked' });
  });

  it('hands a vendor without its own External ID the one the broker generated', async () => {
    const { principalArn } = broker.description.demoThirdParty;
    const { tokens } = broker.description;
    const registered = await broker.api('PUT', '/v1/vendors/globex', {
      token: tokens.admin,
      body: { displayName: 'Globex', principals: [principalArn], webhook: { url: `${hookUrl}/globex` } },
    });
    expect(registered.status).toBe(201);
    const created = await broker.api('POST', '/v1/requests', {
      token: tokens.requester,
      body: {
        vendor: 'globex',
        profile: 's3-audit-read',
        parameters: { bucket: 'awsproduction345' },
        duration: 'PT1M',
        justification: 'Quarterly review',
        requester: { id: 'dave' },
      },
    });
    await decideWhenWaiting(broker, created.body.id);
    const active = await statusOf(broker, created.body.id, 'ACTIVE');
    const granted = await broker.waitFor('the access.granted hand-off', async () =>
      accepted('/globex', registered.body.webhook.secret).find(
        (delivery) => delivery.payload.type === 'access.granted',
      ),
    );
    expect(granted.payload.data).toMatchObject({
      externalIdSource: 'generated',
      externalId: active.grant.externalId,
      awsCliProfile: expect.stringContaining(`external_id = ${active.grant.externalId}`),
    });
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
