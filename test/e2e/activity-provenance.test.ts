import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  auditRequest,
  brokerForFile,
  type BrokerUnderTest,
  decideWhenWaiting,
  statusOf,
} from './support/broker-under-test';
import { s3AsTheThirdParty } from './support/session-credentials';

const current = brokerForFile();
let broker: BrokerUnderTest;
beforeEach(() => void (broker = current()));

/** A CloudTrail record of a call with a session of `roleArn`, word for word as a forger would copy one. */
const forgedDetail = (roleArn: string, eventID: string) =>
  JSON.stringify({
    eventVersion: '1.09',
    eventID,
    eventTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 's3.amazonaws.com',
    eventName: 'DeleteObject',
    awsRegion: 'us-east-1',
    recipientAccountId: '000000000000',
    userIdentity: {
      type: 'AssumedRole',
      accountId: '000000000000',
      arn: `arn:aws:sts::000000000000:assumed-role/${roleArn.split('/').pop()}/forged`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: roleArn } },
    },
  });

describe("a grant's activity has provenance", () => {
  it('takes only what CloudTrail emitted: a forged event on the default bus is refused or matches no rule', async () => {
    const { tokens, awsEndpoint } = broker.description;
    const { body } = await broker.api('POST', '/v1/requests', {
      token: tokens.requester,
      body: auditRequest({ duration: 'PT5M' }),
    });
    await decideWhenWaiting(broker, body.id);
    const grant = await statusOf(broker, body.id, 'ACTIVE');
    const s3 = await s3AsTheThirdParty(broker.description, grant.grant, 'auditor');
    const read = (key: string) =>
      s3.send(new GetObjectCommand({ Bucket: 'awsproduction345', Key: key })).catch(() => undefined);
    const activity = async () =>
      (await broker.api('GET', `/v1/requests/${body.id}/activity`, { token: tokens.requester })).body
        .items as {
        eventId: string;
        action: string;
      }[];

    // Anyone in the account who may put events on its default bus (here, its administrator) tries to forge.
    const events = new EventBridgeClient({
      region: 'us-east-1',
      endpoint: awsEndpoint,
      credentials: broker.description.operator,
    });
    const forged = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'aws.s3',
            DetailType: 'AWS API Call via CloudTrail',
            Detail: forgedDetail(grant.grant.roleArn, 'forged-aws-source'),
          },
          {
            Source: 'attacker.s3',
            DetailType: 'AWS API Call via CloudTrail',
            Detail: forgedDetail(grant.grant.roleArn, 'forged-own-source'),
          },
        ],
      }),
    );
    expect(forged.FailedEntryCount).toBe(1);
    expect(forged.Entries?.[0]).toMatchObject({ ErrorCode: 'NotAuthorizedForSourceException' });
    expect(forged.Entries?.[1]?.EventId).toBeDefined();

    // A real call after the forgeries: once it shows, anything the forgeries could have caused has shown too.
    await read('after-the-forgery.csv');
    const items = await broker.waitFor('the real call', async () => {
      const found = await activity();
      return found.some((item) => item.action === 'GetObject') ? found : undefined;
    });
    expect(items.map((item) => item.eventId)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^forged/)]),
    );
    expect(items.every((item) => item.action === 'GetObject')).toBe(true);
  }, 30_000);
});
