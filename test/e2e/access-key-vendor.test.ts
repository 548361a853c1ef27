import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { compactDecrypt, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrokerUnderTest,
  decideWhenWaiting,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';
import { startWebhookReceiver } from './support/webhook-receiver';

let broker: BrokerUnderTest;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  broker = await startBrokerUnderTest({
    accessKeyVendors: { approval: { approverGroup: 'local-approvers', channels: ['api'] } },
  });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await broker?.close();
  await receiver?.close();
});

const EXTERNAL_ID = 'ci-7Fq2-Lw9x-Zr4k-Pm8v';

describe('an access-key vendor (the IAM-user fallback)', () => {
  it('receives an encrypted key, assumes the role with it, shows in the activity, and loses key and user at expiry', async () => {
    const { description } = broker;
    const { publicKey, privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' });
    const { kty, crv, x, y } = await exportJWK(publicKey);
    const registered = await broker.api('PUT', '/v1/vendors/hosted-ci', {
      token: description.tokens.admin,
      body: {
        displayName: 'Hosted CI',
        credentials: 'access-key',
        principals: [],
        publicKey: { kty, crv, x, y },
        externalId: EXTERNAL_ID,
        webhook: { url: `${receiver.url}/ci` },
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const created = await broker.api('POST', '/v1/requests', {
      token: description.tokens.requester,
      body: {
        vendor: 'hosted-ci',
        profile: 's3-audit-read',
        parameters: { bucket: 'awsproduction345' },
        duration: 'PT10S',
        justification: 'Nightly build reads release artefacts',
        requester: { id: 'dave' },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const id = created.body.id as string;
    await decideWhenWaiting(broker, id);
    const active = await statusOf(broker, id, 'ACTIVE');
    const userArn = `arn:aws:iam::${broker.config.broker.homeAccountId}:user/access-broker/access-broker-${id}`;
    expect(active).toMatchObject({ credentials: 'access-key', principal: { arn: userArn, kind: 'user' } });
    expect(active.accessKey).toEqual({
      userName: `access-broker-${id}`,
      userArn,
      accessKeyId: expect.any(String),
    });

    // The hand-off carries the key, its secret a JWE only the vendor's private key opens.
    const granted = await broker.waitFor('the access.granted hand-off', async () =>
      receiver
        .accepted('/ci', registered.body.webhook.secret)
        .find((delivery) => delivery.payload.type === 'access.granted'),
    );
    const { accessKey, roleArn } = granted.payload.data as {
      accessKey: { userArn: string; accessKeyId: string; secretAccessKeyJwe: string };
      roleArn: string;
    };
    expect(accessKey).toMatchObject({ userArn, accessKeyId: active.accessKey.accessKeyId });
    const { plaintext } = await compactDecrypt(accessKey.secretAccessKeyJwe, privateKey);
    const credentials = {
      accessKeyId: accessKey.accessKeyId as string,
      secretAccessKey: new TextDecoder().decode(plaintext),
    };
    expect(JSON.stringify(await broker.outbox())).not.toContain(credentials.secretAccessKey);
    expect(JSON.stringify(broker.events)).not.toContain(credentials.secretAccessKey);

    // The key does one thing: assume the grant's role, with the External ID.
    await broker.waitFor('the grant to be usable', async () =>
      Date.parse(active.grant.usableFrom) <= Date.now() ? true : undefined,
    );
    const sts = new STSClient({ region: 'us-east-1', endpoint: description.awsEndpoint, credentials });
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ci', ExternalId: 'wrong-one' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ci', ExternalId: EXTERNAL_ID }),
    );
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: description.awsEndpoint,
      forcePathStyle: true,
      credentials: {
        accessKeyId: Credentials!.AccessKeyId!,
        secretAccessKey: Credentials!.SecretAccessKey!,
        sessionToken: Credentials!.SessionToken!,
      },
    });
    await s3
      .send(new GetObjectCommand({ Bucket: 'awsproduction345', Key: 'evidence/report.csv' }))
      .catch(() => {});
    s3.destroy();

    // The key's use and the session's calls are the grant's activity.
    const activity = await broker.waitFor('the key and the session in the activity', async () => {
      const { body } = await broker.api('GET', `/v1/requests/${id}/activity`, {
        token: description.tokens.requester,
      });
      const byKey = body.items.filter((item: { sessionName: string }) =>
        item.sessionName.startsWith('access key'),
      );
      const bySession = body.items.filter((item: { sessionName: string }) => item.sessionName === 'ci');
      return byKey.length >= 2 && bySession.length >= 1 ? body : undefined;
    });
    expect(activity.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'AssumeRole',
          allowed: false,
          sessionName: `access key ${credentials.accessKeyId}`,
        }),
        expect.objectContaining({
          action: 'AssumeRole',
          allowed: true,
          sessionName: `access key ${credentials.accessKeyId}`,
        }),
      ]),
    );

    // The reconciler reads key users too (ListUsers under the path), and leaves a live grant's alone.
    expect(await broker.reconcileNow()).toMatchObject({ removed: 0 });

    // At expiry: key and user gone, and the key opens nothing.
    await broker.waitFor(
      'the grant to end at its expiry',
      async () => {
        const { body } = await broker.api('GET', `/v1/requests/${id}`, { token: description.tokens.admin });
        return body.status === 'REVOKED' ? body : undefined;
      },
      30_000,
    );
    expect(
      broker.aws.state.iamUser(broker.config.broker.homeAccountId, `access-broker-${id}`),
    ).toBeUndefined();
    expect(
      [...broker.aws.state.users.values()].some((key) => key.accessKeyId === credentials.accessKeyId),
    ).toBe(false);
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ci', ExternalId: EXTERNAL_ID })),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    sts.destroy();
  }, 60_000);
});
