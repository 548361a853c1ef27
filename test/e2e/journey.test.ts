import { readFileSync } from 'node:fs';
import { brokerEventDetailSchema } from '@access-broker/core';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRequest,
  type BrokerUnderTest,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';
import { sessionCredentials } from './support/session-credentials';

let broker: BrokerUnderTest;
beforeAll(async () => {
  broker = await startBrokerUnderTest();
});
afterAll(async () => {
  await broker?.close();
});

const tokens = () => broker.description.tokens;
const create = async (body: unknown, headers: Record<string, string> = {}) =>
  broker.api('POST', '/v1/requests', { token: tokens().requester, body, headers });
const grantRoles = () =>
  [...broker.aws.state.roles.values()]
    .filter((role) => role.path === '/access-broker/')
    .map((role) => role.roleName);

describe('the whole journey, through HTTP and the real SDK clients', () => {
  it('creates, approves in Slack, lets the third party in with its External ID only, and expires on time', async () => {
    // Prepare
    const created = await create(auditRequest({ duration: 'PT4S' }));
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    await statusOf(broker, id, 'PENDING_APPROVAL');
    await broker.waitFor('the Slack approval message', async () =>
      (await broker.outbox()).some(
        (m) => m.method === 'chat.postMessage' && m.blocks?.[2]?.elements?.[0]?.value === `${id}:request`,
      )
        ? true
        : undefined,
    );

    // Act: an approver clicks Approve
    expect(await broker.slackClick(id, 'approve')).toBe(200);
    const active = await statusOf(broker, id, 'ACTIVE');

    // Assess: the grant, and the third party's view of it
    expect(active.grant).toMatchObject({
      roleArn: expect.stringContaining(':role/access-broker/'),
      externalId: expect.stringMatching(/^[A-Za-z0-9][\w-]{42}$/),
    });
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: broker.description.awsEndpoint,
      credentials: broker.description.demoThirdParty,
      maxAttempts: 1,
    });
    const assume = (ExternalId: string) =>
      sts.send(
        new AssumeRoleCommand({ RoleArn: active.grant.roleArn, RoleSessionName: 'audit', ExternalId }),
      );
    await expect(assume(`${active.grant.externalId}x`)).rejects.toMatchObject({ name: 'AccessDenied' });
    const { Credentials } = await assume(active.grant.externalId);
    const session = new STSClient({
      region: 'us-east-1',
      endpoint: broker.description.awsEndpoint,
      credentials: sessionCredentials(Credentials),
    });
    expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toContain(
      `assumed-role/access-broker-${id}/audit`,
    );

    // Expiry: no human action
    const revoked = await statusOf(broker, id, 'REVOKED');
    expect(revoked.revocation).toMatchObject({ reason: 'expired' });
    expect(revoked.grant).toBeUndefined();
    expect(grantRoles()).not.toContain(`access-broker-${id}`);
    await expect(assume(active.grant.externalId)).rejects.toMatchObject({ name: 'AccessDenied' });
    const audit = await broker.api('GET', `/v1/requests/${id}/audit`, { token: tokens().requester });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'REQUESTED',
      'WAITING_FOR_DECISION',
      'APPROVED',
      'PROVISIONING_STARTED',
      'GRANTED',
      'REVOCATION_STARTED',
      'EXPIRED',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(active.grant.externalId);
    await broker.eventsDelivered();
    expect(
      broker.events.filter((event) => event.detail.requestId === id).map((event) => event.detailType),
    ).toEqual(['Access Requested', 'Access Approved', 'Access Granted', 'Access Expired']);
    expect(JSON.stringify(broker.events)).not.toContain(active.grant.externalId);
    for (const event of broker.events)
      expect(brokerEventDetailSchema.safeParse(event.detail).success).toBe(true);
    sts.destroy();
    session.destroy();
  });

  it('denies through the API: DENIED, no role, not one IAM call', async () => {
    const before = broker.iamCalls();
    const { body } = await create(auditRequest());
    await statusOf(broker, body.id, 'PENDING_APPROVAL');
    const denied = await broker.api('POST', `/v1/requests/${body.id}/decision`, {
      token: tokens().approver,
      body: { decision: 'deny', comment: 'not this quarter' },
    });
    expect(denied.body).toMatchObject({
      status: 'DENIED',
      decision: { outcome: 'denied', by: 'api:approver', comment: 'not this quarter' },
    });
    await broker.stepFunctions.settled();
    expect(broker.iamCalls()).toBe(before);
  });

  it('auto-approves a short low-risk grant: ACTIVE with no human, in three state transitions', async () => {
    const { body } = await create(
      auditRequest({ profile: 'security-audit', parameters: undefined, duration: 'PT1M' }),
    );
    expect(await statusOf(broker, body.id, 'ACTIVE')).toMatchObject({
      decision: { outcome: 'approved', by: 'policy:auto-approve' },
    });
    await broker.stepFunctions.settled();
    // AwaitDecision (which auto-approved and resumed itself) → Decided → Provision.
    expect(broker.stepFunctions.transitions.get(body.id)).toBe(3);
    const manual = await create(auditRequest({ duration: 'PT1M' }));
    await broker.api('POST', `/v1/requests/${manual.body.id}/decision`, {
      token: tokens().approver,
      body: { decision: 'approve' },
    });
    await statusOf(broker, manual.body.id, 'ACTIVE');
    await broker.stepFunctions.settled();
    expect(broker.stepFunctions.transitions.get(manual.body.id)).toBe(3);
  });

  it('approves through the API', async () => {
    const { body } = await create(auditRequest({ duration: 'PT1M' }));
    const approved = await broker.api('POST', `/v1/requests/${body.id}/decision`, {
      token: tokens().approver,
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect((await statusOf(broker, body.id, 'ACTIVE')).approvals).toEqual([
      expect.objectContaining({ by: 'approver', channel: 'api' }),
    ]);
    const revoked = await broker.api('POST', `/v1/requests/${body.id}/revoke`, {
      token: tokens().approver,
      body: { reason: 'audit done early' },
    });
    expect(revoked.body).toMatchObject({
      status: 'REVOKED',
      revocation: { reason: 'revoked', comment: 'audit done early' },
    });
  });

  it('refuses self-approval, by API and by Slack, and changes nothing', async () => {
    const own = await broker.api('POST', '/v1/requests', {
      token: tokens().admin,
      body: auditRequest({ requester: { id: 'admin' } }),
    });
    const selfApproval = await broker.api('POST', `/v1/requests/${own.body.id}/decision`, {
      token: tokens().admin,
      body: { decision: 'approve' },
    });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.headers.get('content-type')).toBe('application/problem+json');
    expect(selfApproval.body.detail).toMatch(/own requests/);

    const slackUser = broker.description.slack.approverUserId;
    const { body } = await create(auditRequest({ requester: { id: 'carol', slackUserId: slackUser } }));
    await statusOf(broker, body.id, 'PENDING_APPROVAL');
    expect(await broker.slackClick(body.id, 'approve', { user: slackUser })).toBe(200);
    expect((await broker.outbox()).at(-1)).toMatchObject({
      method: 'chat.postEphemeral',
      user: slackUser,
      text: expect.stringMatching(/own requests/),
    });
    expect((await statusOf(broker, body.id, 'PENDING_APPROVAL')).approvals).toEqual([]);
  });

  it('refuses a Slack click from someone outside the approver group', async () => {
    const { body } = await create(auditRequest());
    await statusOf(broker, body.id, 'PENDING_APPROVAL');
    expect(await broker.slackClick(body.id, 'approve', { user: 'U0INTRUDER1' })).toBe(200);
    expect((await broker.outbox()).at(-1)).toMatchObject({
      method: 'chat.postEphemeral',
      user: 'U0INTRUDER1',
    });
    expect((await statusOf(broker, body.id, 'PENDING_APPROVAL')).version).toBe(2);
  });

  it.each([
    ['a forged signature', { forge: true }],
    ['a five-minute-old timestamp', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
  ])('answers 401 to %s and changes nothing', async (_case, options) => {
    const { body } = await create(auditRequest());
    await statusOf(broker, body.id, 'PENDING_APPROVAL');
    expect(await broker.slackClick(body.id, 'approve', options)).toBe(401);
    const after = await statusOf(broker, body.id, 'PENDING_APPROVAL');
    expect(after.approvals).toEqual([]);
    const trail = await broker.api('GET', `/v1/requests/${body.id}/audit`, { token: tokens().admin });
    expect(trail.body.items.map((entry: { action: string }) => entry.action)).not.toContain(
      'APPROVAL_RECORDED',
    );
  });

  it('returns the same request for an idempotent retry, and 409 for the same key with another body', async () => {
    const key = { 'idempotency-key': 'SEC-777' };
    const first = await create(auditRequest(), key);
    const retry = await create(auditRequest(), key);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    const other = await create(auditRequest({ duration: 'PT9S' }), key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('lists requests by status with a cursor, and serves its OpenAPI document', async () => {
    const page = await broker.api('GET', '/v1/requests?status=PENDING_APPROVAL&limit=2', {
      token: tokens().requester,
    });
    expect(page.body.items).toHaveLength(2);
    const next = await broker.api(
      'GET',
      `/v1/requests?status=PENDING_APPROVAL&limit=2&cursor=${page.body.cursor}`,
      { token: tokens().requester },
    );
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    const openapi = await broker.api('GET', '/v1/openapi.json');
    expect(openapi.body).toEqual(
      JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')),
    );
    expect(openapi.body.paths['/v1/requests'].post.requestBody).toBeDefined();
    expect((await broker.api('GET', '/healthz')).body).toEqual({ status: 'ok' });
    // Where to report a vulnerability in this deployment: RFC 9116, from the config's security contact.
    const securityTxt = await fetch(`${broker.description.apiUrl}/.well-known/security.txt`);
    expect(securityTxt.status).toBe(200);
    expect(securityTxt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const fields = await securityTxt.text();
    expect(fields).toMatch(/^Contact: mailto:security@broker\.local$/m);
    const expires = Date.parse(/^Expires: (\S+)$/m.exec(fields)![1]!);
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThan(Date.now() + 365 * 86_400_000);
  });
});

describe('the approval timeout', () => {
  let short: BrokerUnderTest;
  beforeAll(async () => {
    short = await startBrokerUnderTest({ limits: { approvalTimeout: 'PT2S' } });
  });
  afterAll(async () => {
    await short?.close();
  });

  it('ends a request nobody decided on as APPROVAL_EXPIRED and updates the Slack message', async () => {
    const { body } = await short.api('POST', '/v1/requests', {
      token: short.description.tokens.requester,
      body: auditRequest(),
    });
    const expired = await statusOf(short, body.id, 'APPROVAL_EXPIRED');
    expect(expired.decision).toMatchObject({ outcome: 'expired', by: 'workflow' });
    // The message is edited right after the state change, by the same function.
    const update = await short.waitFor('the Slack update', async () =>
      (await short.outbox()).find((m) => m.method === 'chat.update' && m.text.includes('Approval expired')),
    );
    expect(update.ts).toBeTruthy();
  });
});
