import { beforeEach, describe, expect, it } from 'vitest';
import { auditRequest, brokerForFile, type BrokerUnderTest, statusOf } from './support/broker-under-test';

const current = brokerForFile();
let broker: BrokerUnderTest;
beforeEach(() => void (broker = current()));

const tokens = () => broker.description.tokens;
const waitingMessage = (id: string) =>
  broker.waitFor(
    'the approval message',
    async () => (await broker.buttonValue(id).catch(() => undefined)) ?? undefined,
  );

describe('one click, one decision', () => {
  it('refuses a replayed click (same body, same signature, within the window), privately', async () => {
    const { body } = await broker.api('POST', '/v1/requests', {
      token: tokens().requester,
      body: auditRequest({ profile: 'dual-control-read', duration: 'PT5M' }),
    });
    await waitingMessage(body.id);
    expect(await broker.slackClick(body.id, 'approve', { times: 2 })).toBe(200);
    expect((await broker.outbox()).at(-1)).toMatchObject({
      method: 'chat.postEphemeral',
      text: expect.stringMatching(/already handled/),
    });
    expect((await statusOf(broker, body.id, 'PENDING_APPROVAL')).approvals).toHaveLength(1);
  }, 30_000);

  it("refuses a click on the request's old message once an extension is what waits", async () => {
    const { body } = await broker.api('POST', '/v1/requests', {
      token: tokens().requester,
      body: auditRequest({ duration: 'PT5M' }),
    });
    const original = await waitingMessage(body.id);
    expect(await broker.slackClick(body.id, 'approve')).toBe(200);
    await statusOf(broker, body.id, 'ACTIVE');
    const extend = await broker.api('POST', `/v1/requests/${body.id}/extend`, {
      token: tokens().requester,
      body: { duration: 'PT5M', justification: 'fieldwork ran long' },
    });
    expect(extend.status).toBe(202);
    await broker.waitFor('the extension message', async () => {
      const value = await broker.buttonValue(body.id);
      return value !== original ? value : undefined;
    });
    // A fresh signature, but the button of the first message: it was for the request, not this extension.
    expect(
      await broker.slackClick(body.id, 'approve', {
        user: broker.description.slack.approver2UserId,
        value: original,
      }),
    ).toBe(200);
    expect((await broker.outbox()).at(-1)).toMatchObject({
      method: 'chat.postEphemeral',
      text: expect.stringMatching(/earlier decision/),
    });
    const still = await broker.api('GET', `/v1/requests/${body.id}`, { token: tokens().admin });
    expect(still.body.extension).toMatchObject({ approved: false, approvals: [] });
    // The extension's own button works.
    expect(
      await broker.slackClick(body.id, 'approve', { user: broker.description.slack.approver2UserId }),
    ).toBe(200);
    await broker.waitFor('the extension to apply', async () => {
      const { body: now } = await broker.api('GET', `/v1/requests/${body.id}`, { token: tokens().admin });
      return now.extension ? undefined : now;
    });
  }, 30_000);
});
