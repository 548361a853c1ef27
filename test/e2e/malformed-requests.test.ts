import { readdir, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRequest, type BrokerUnderTest, startBrokerUnderTest } from './support/broker-under-test';

let broker: BrokerUnderTest;
beforeAll(async () => {
  broker = await startBrokerUnderTest();
});
afterAll(async () => {
  await broker?.close();
});

const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const custom = (document: unknown) =>
  auditRequest({ profile: undefined, parameters: undefined, policy: document });

// [what, raw body or object, field the problem must name]
const malformed: [string, unknown, string][] = [
  ['not JSON', '{"principal": ', '(body)'],
  ['an empty body', '', '(body)'],
  ['a JSON string', '"please"', '(root)'],
  ['a JSON number', '42', '(root)'],
  ['a JSON array', '[]', '(root)'],
  ['JSON null', 'null', '(root)'],
  ['an empty object', {}, 'principal'],
  ['a wildcard principal', auditRequest({ principal: '*' }), 'principal'],
  ['a service principal', auditRequest({ principal: 'lambda.amazonaws.com' }), 'principal'],
  ['an 11-digit account', auditRequest({ principal: '11112222333' }), 'principal'],
  [
    'a look-alike ARN',
    auditRequest({ principal: 'arn:aws:iam::111122223333:role/ThirdPartyАuditor' }),
    'principal',
  ],
  ['a principal object', auditRequest({ principal: { AWS: '*' } }), 'principal'],
  ['an unknown profile', auditRequest({ profile: 'administrator' }), 'profile'],
  ['a missing bucket', auditRequest({ parameters: {} }), 'parameters.bucket'],
  ['a wildcard bucket', auditRequest({ parameters: { bucket: '*' } }), 'parameters.bucket'],
  ['an injected bucket', auditRequest({ parameters: { bucket: 'x/*","Resource":"*' } }), 'parameters.bucket'],
  [
    'an extra parameter',
    auditRequest({ parameters: { bucket: 'awsproduction345', admin: 'true' } }),
    'parameters.admin',
  ],
  [
    '"*" actions',
    custom(policy({ Effect: 'Allow', Action: '*', Resource: '*' })),
    'policy.Statement[0].Action[0]',
  ],
  [
    'iam:*',
    custom(policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })),
    'policy.Statement[0].Action[0]',
  ],
  [
    'NotAction',
    custom(policy({ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: '*' })),
    'policy.Statement[0].NotAction',
  ],
  [
    'NotResource',
    custom(policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::x/*' })),
    'policy.Statement[0].NotResource',
  ],
  [
    'Resource "*" on GetObject',
    custom(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })),
    'policy.Statement[0].Action[0]',
  ],
  [
    'an invented action',
    custom(policy({ Effect: 'Allow', Action: 's3:GetEverything', Resource: 'arn:aws:s3:::x/*' })),
    'policy.Statement[0].Action[0]',
  ],
  [
    'an oversize policy',
    custom(
      policy(
        ...Array.from({ length: 70 }, (_, i) => ({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::bucket-${i}-${'y'.repeat(140)}/*`,
        })),
      ),
    ),
    'policy',
  ],
  [
    'both profile and policy',
    auditRequest({
      policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::x/*' }),
    }),
    'profile',
  ],
  ['a negative duration', auditRequest({ duration: '-PT1H' }), 'duration'],
  ['a zero duration', auditRequest({ duration: 'PT0S' }), 'duration'],
  ['a duration beyond the maximum', auditRequest({ duration: 'P30D' }), 'duration'],
  ['a duration in months', auditRequest({ duration: 'P1M' }), 'duration'],
  ['a duration in words', auditRequest({ duration: 'two hours' }), 'duration'],
  ['a numeric duration', auditRequest({ duration: 7200 }), 'duration'],
  ['no justification', auditRequest({ justification: '' }), 'justification'],
  ['no requester', auditRequest({ requester: undefined }), 'requester'],
  [
    'a Slack id that is not one',
    auditRequest({ requester: { id: 'dave', slackUserId: '<@U123>' } }),
    'requester.slackUserId',
  ],
  [
    'a javascript: ticket URL',
    auditRequest({ ticket: { system: 'jira', key: 'SEC-1', url: 'javascript:alert(1)' } }),
    'ticket.url',
  ],
  ['a guessable External ID', auditRequest({ externalId: 'password12345678' }), 'externalId'],
  ['an all-digit External ID', auditRequest({ externalId: '111122223333444455' }), 'externalId'],
  ['an External ID with spaces', auditRequest({ externalId: 'this has spaces in it ok' }), 'externalId'],
  ['a past startAt', auditRequest({ startAt: '2020-01-01T00:00:00Z' }), 'startAt'],
  ['an unknown target account', auditRequest({ targetAccountId: '999988887777' }), 'targetAccountId'],
  ['a smuggled status', auditRequest({ status: 'ACTIVE' }), '(root)'],
  ['smuggled approvals', auditRequest({ approvals: [{ by: 'approver', channel: 'api' }] }), '(root)'],
];

describe('POST /v1/requests with malformed bodies', () => {
  it(`covers at least 40 cases (${malformed.length})`, () => {
    expect(malformed.length).toBeGreaterThanOrEqual(40);
  });

  it.each(malformed)(
    'answers %s with a 4xx problem+json naming the field, and makes no IAM call',
    async (_what, body, field) => {
      const before = broker.iamCalls();
      const listed = (
        await broker.api('GET', '/v1/requests?limit=100', { token: broker.description.tokens.admin })
      ).body.items.length;
      const response = await broker.api('POST', '/v1/requests', {
        token: broker.description.tokens.requester,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        type: expect.stringMatching(/^urn:/),
      });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(broker.iamCalls()).toBe(before);
      expect(
        (await broker.api('GET', '/v1/requests?limit=100', { token: broker.description.tokens.admin })).body
          .items,
      ).toHaveLength(listed);
    },
  );

  it('names every bad field in one answer, missing and invalid alike', async () => {
    const response = await broker.api('POST', '/v1/requests', {
      token: broker.description.tokens.requester,
      body: { principal: '*', profile: 'nope', duration: 'P99D' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'duration',
      'justification',
      'principal',
      'profile',
      'requester',
    ]);
  });

  it.each([
    ['no token', undefined, 401],
    ['an unknown token', 'ab_requester_not-a-real-token-at-all', 401],
    ['a token without the create scope', 'approver', 403],
  ])('refuses %s before reading the body', async (_case, token, status) => {
    const resolved = token === 'approver' ? broker.description.tokens.approver : token;
    const response = await broker.api('POST', '/v1/requests', {
      ...(resolved ? { token: resolved } : {}),
      body: auditRequest(),
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

/** Writes raw bytes to a loopback server and resolves with whatever it answers before closing. */
function raw(endpoint: string, bytes: string, { cutShort = false } = {}): Promise<string> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.write(bytes);
    if (cutShort) setTimeout(() => socket.destroy(), 50);
  });
}

describe('malformed HTTP never takes the local broker down', () => {
  it.each([
    [
      'the API, GET //',
      () => broker.description.apiUrl,
      'GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    ],
    [
      'the API, a body cut short',
      () => broker.description.apiUrl,
      'POST /v1/requests HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a"',
      true,
    ],
    [
      'the AWS endpoint, a body cut short',
      () => broker.description.awsEndpoint,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=',
      true,
    ],
    [
      'DynamoDB, a body cut short',
      () => broker.description.dynamodbEndpoint,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"Ta',
      true,
    ],
  ] as [string, () => string, string, boolean?][])(
    'survives %s',
    async (_what, endpoint, bytes, cutShort = false) => {
      await raw(endpoint(), bytes, { cutShort });
      expect((await broker.api('GET', '/healthz')).status).toBe(200);
      const listed = await broker.api('GET', '/v1/requests?limit=1', {
        token: broker.description.tokens.admin,
      });
      expect(listed.status).toBe(200);
    },
  );

  it('answers GET // with a 400', async () => {
    expect(
      await raw(broker.description.apiUrl, 'GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    ).toMatch(/^HTTP\/1\.1 400/);
  });
});

describe('local state on disk', () => {
  it('is readable by its owner only: the home, and every file in it', async () => {
    await broker.api('POST', '/v1/requests', {
      token: broker.description.tokens.requester,
      body: auditRequest(),
    });
    expect((await stat(broker.home)).mode & 0o777).toBe(0o700);
    const entries = await readdir(broker.home, { withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    expect(files).toEqual(expect.arrayContaining(['local.json', 'secrets.json', 'iam.jsonl']));
    for (const file of files)
      expect({ file, mode: (await stat(join(broker.home, file))).mode & 0o777 }).toEqual({
        file,
        mode: 0o600,
      });
  });
});
