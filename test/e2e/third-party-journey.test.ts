import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
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
import { s3OfSession } from './support/session-credentials';

let broker: BrokerUnderTest;
let vendorHooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  broker = await startBrokerUnderTest({ limits: { reminderBeforeExpiry: 'PT5S' } });
  vendorHooks = await startWebhookReceiver();
});
afterAll(async () => {
  await broker?.close();
  await vendorHooks?.close();
});

const EXTERNAL_ID = 'initech-Hq7w-3Ncx-Ty8p-Lm2r';

describe("the third party's side of a grant, end to end", () => {
  it('vendor → request by name → approval → signed hand-off → console → S3 reads → activity → expiry → evidence', async () => {
    const { tokens, demoThirdParty, awsEndpoint } = broker.description;
    const broker$ = (args: string[], env: Record<string, string> = {}) =>
      runCli(args, { BROKER_HOME: broker.home, BROKER_CONFIG_DIR: join(broker.home, 'no-logins'), ...env });

    // 1. The company registers the vendor: its principal, the External ID it assigned, its webhook.
    const registered = await broker$([
      ...[
        'register-vendor',
        'initech',
        '--name',
        'Initech Audit',
        '--principal',
        demoThirdParty.principalArn,
      ],
      ...['--external-id', EXTERNAL_ID, '--webhook-url', `${vendorHooks.url}/initech`, '--json'],
    ]);
    expect(registered.code, registered.stderr).toBe(0);
    const secret = JSON.parse(registered.stdout).webhook.secret as string;

    // 2. Ticketing files a request by the vendor's name; an approver approves.
    const created = await broker.api('POST', '/v1/requests', {
      token: tokens.requester,
      body: {
        vendor: 'initech',
        profile: 's3-audit-read',
        parameters: { bucket: 'awsproduction345' },
        duration: 'PT8S',
        justification: 'SOC 2 fieldwork',
        requester: { id: 'dave', slackUserId: 'U0LOCALREQUESTER' },
        ticket: { system: 'jira', key: 'AUD-7' },
      },
    });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    await broker.buttonValue(id); // the approval message is in Slack
    await decideWhenWaiting(broker, id);
    const active = await statusOf(broker, id, 'ACTIVE');

    // 3. The vendor's webhook receives the hand-off; its signature verifies with the vendor's secret.
    const handoff = await broker.waitFor('the signed hand-off', async () =>
      vendorHooks.accepted('/initech', secret).find((delivery) => delivery.payload.type === 'access.granted'),
    );
    expect(handoff.payload.data).toMatchObject({
      requestId: id,
      roleArn: active.grant.roleArn,
      region: 'us-east-1',
    });

    // 4. The vendor opens the console with its own credentials, through the local federation endpoint.
    const awsConfig = join(broker.home, 'initech-aws-config');
    await writeFile(
      awsConfig,
      String(handoff.payload.data.awsCliProfile).replace('<your External ID for this company>', EXTERNAL_ID),
    );
    const vendorShell = {
      AWS_CONFIG_FILE: awsConfig,
      AWS_ACCESS_KEY_ID: demoThirdParty.accessKeyId,
      AWS_SECRET_ACCESS_KEY: demoThirdParty.secretAccessKey,
      AWS_ENDPOINT_URL_STS: awsEndpoint,
      BROKER_FEDERATION_ENDPOINT: `${awsEndpoint}/federation`,
    };
    await broker.waitFor('the role to be usable', async () =>
      Date.parse(active.grant.usableFrom) <= Date.now() ? true : undefined,
    );
    // The hand-off's profile asks for no longer a session than AWS's shortest, and says why that is safe.
    expect(handoff.payload.data.awsCliProfile).toMatch(/^duration_seconds = 900$/m);
    expect(handoff.payload.data.awsCliProfile).toContain(
      `# access-broker: access ends ${active.grant.expiresAt}`,
    );
    expect(handoff.payload.data.awsCliProfile).toMatch(
      /shortest session is 15 minutes; the role's own policy denies/,
    );
    const consoleRun = await broker$(['console', id, '--minutes', '15', '--json'], vendorShell);
    expect(consoleRun.code, consoleRun.stderr).toBe(0);
    // What the vendor is told never outlasts the grant, though AWS's console session (15 minutes) does.
    const opened = JSON.parse(consoleRun.stdout);
    expect(opened.expiresAt).toBe(active.grant.expiresAt);
    expect(Date.parse(opened.consoleSessionEndsAt)).toBeGreaterThan(Date.parse(active.grant.expiresAt));
    const followed = await fetch(opened.url, { redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toMatch(/^https:\/\/us-east-1\.console\.aws\.amazon\.com\//);

    // 5. The vendor reads S3 with a session of the grant: the audited bucket, and one it may not read.
    const sts = new STSClient({ region: 'us-east-1', endpoint: awsEndpoint, credentials: demoThirdParty });
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: active.grant.roleArn,
        RoleSessionName: 'initech-jane',
        ExternalId: EXTERNAL_ID,
      }),
    );
    const s3 = s3OfSession(awsEndpoint, Credentials);
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'awsproduction345' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'awsproduction345', Key: 'evidence/report.csv' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'payroll', Key: 'salaries.csv' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });

    // 6. The activity shows who did what, when, allowed or denied.
    const activity = await broker.waitFor('the S3 calls as activity', async () => {
      const { body } = await broker.api('GET', `/v1/requests/${id}/activity`, { token: tokens.requester });
      return body.items.filter((item: { service: string }) => item.service === 's3.amazonaws.com').length >= 3
        ? body
        : undefined;
    });
    expect(activity.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sessionName: 'initech-jane',
          service: 's3.amazonaws.com',
          action: 'GetObject',
          allowed: true,
          resources: ['arn:aws:s3:::awsproduction345/evidence/report.csv'],
        }),
        expect.objectContaining({
          sessionName: 'initech-jane',
          action: 'GetObject',
          allowed: false,
          errorCode: 'AccessDenied',
          resources: ['arn:aws:s3:::payroll/salaries.csv'],
        }),
      ]),
    );
    expect(activity.summary).toMatchObject({ denied: 1, services: expect.arrayContaining(['s3']) });
    const table = await broker$(['activity', id]);
    expect(table.stdout).toMatch(/DENIED +s3:GetObject {2}initech-jane from \S+ in \d{12}/);
    const csv = (await broker$(['activity', id, '--csv'])).stdout.split('\n');
    expect(csv[0]).toBe('at,account,session,source_ip,service,action,allowed,error_code');
    expect(csv).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/"initech-jane",".*","s3.amazonaws.com","GetObject","false","AccessDenied"/),
      ]),
    );

    // 7. Expiry: the role goes, the vendor is told, and the end event summarises the use.
    await statusOf(broker, id, 'REVOKED');
    const ended = await broker.waitFor('the ended hand-off', async () =>
      vendorHooks.accepted('/initech', secret).find((delivery) => delivery.payload.type === 'access.ended'),
    );
    expect(ended.payload.data).toMatchObject({ requestId: id, reason: 'expired' });
    // Before that, a reminder: to the vendor, and directly to the requester in Slack (a direct message, seen
    // outside the approval channel).
    const deliveries = vendorHooks.accepted('/initech', secret).map((delivery) => delivery.payload.type);
    expect(deliveries).toEqual(['access.granted', 'access.expiring', 'access.ended']);
    const reminder = (await broker.outbox()).find(
      (message) => message.method === 'chat.postMessage' && String(message.text).includes(`Access ${id}`),
    );
    expect(reminder).toMatchObject({
      channel: 'U0LOCALREQUESTER',
      text: expect.stringContaining('Initech Audit'),
    });
    await broker.eventsDelivered();
    const expired = broker.events.find(
      (event) => event.detailType === 'Access Expired' && event.detail.requestId === id,
    );
    expect(expired?.detail.activity).toMatchObject({ denied: 1, services: expect.arrayContaining(['s3']) });

    // Slack followed the grant: active until when, then expired and what it was used for, the vendor named.
    const updates = (await broker.outbox()).filter(
      (message) => message.method === 'chat.update' && JSON.stringify(message.blocks).includes(id),
    );
    const shown = updates.map((message) => JSON.stringify(message.blocks));
    expect(
      shown.some((blocks) => /Active until <!date\^\d+\^\{date_short_pretty\} at \{time\}\|/.test(blocks)),
    ).toBe(true);
    expect(shown.at(-1)).toMatch(/:stopwatch: Expired <!date/);
    expect(shown.at(-1)).toMatch(/Used: \d+ AWS calls, 1 denied \(s3/);
    expect(shown.at(-1)).toContain('Initech Audit');
    expect(shown.at(-1)).toContain('8 seconds');

    // 8. The auditor exports the whole evidence of the grant as one document, without the External ID.
    const exported = await broker$(['evidence', id]);
    expect(exported.code, exported.stderr).toBe(0);
    const evidence = JSON.parse(exported.stdout);
    expect(evidence).toMatchObject({
      request: { id, vendor: { id: 'initech' }, approvals: [expect.objectContaining({ by: 'approver' })] },
      rolePolicies: {
        trustPolicy: {
          Statement: [expect.objectContaining({ Principal: { AWS: demoThirdParty.principalArn } })],
        },
        permissionPolicy: { Statement: expect.any(Array) },
      },
      activity: { summary: { denied: 1 } },
    });
    expect(evidence.auditTrail.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['REQUESTED', 'APPROVED', 'GRANTED', 'EXPIRED']),
    );
    expect(exported.stdout).not.toContain(EXTERNAL_ID);
    sts.destroy();
    s3.destroy();
  }, 60_000);
});
