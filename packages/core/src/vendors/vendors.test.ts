import { describe, expect, it } from 'vitest';
import { VendorConflictError } from '../errors';
import { auditRequestBody, testBroker } from '../testing';
import { createRequest } from '../requests/create-request';
import { registerVendor } from './register-vendor';

const ACME = {
  displayName: 'Acme Audit LLP',
  principals: ['arn:aws:iam::111122223333:role/ThirdPartyAuditor', '444455556666'],
  externalId: 'acme-7Fq2-Lw9x-Zr4k-Pm8v',
};
const register = (broker: ReturnType<typeof testBroker>, body: unknown, id = 'acme') =>
  registerVendor(broker, { id, body, actor: 'admin' });
const byVendor = (overrides: Record<string, unknown> = {}) => {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { principal, ...body } = auditRequestBody(overrides);
  return { ...body, vendor: 'acme', ...overrides };
};

describe('the vendor registry', () => {
  it('registers exact principals and a hard-to-guess External ID, and refuses anything else, naming each field', async () => {
    const broker = testBroker();
    const { vendor, created } = await register(broker, ACME);
    expect(created).toBe(true);
    expect(vendor.principals).toEqual([ACME.principals[0], 'arn:aws:iam::444455556666:root']);
    await expect(
      register(
        broker,
        { ...ACME, principals: ['arn:aws:iam::*:root', 'ec2.amazonaws.com'], externalId: 'acme1234' },
        'bad',
      ),
    ).rejects.toMatchObject({
      issues: [
        { field: 'principals[0]', reason: expect.stringMatching(/wildcards/) },
        { field: 'principals[1]', reason: expect.stringMatching(/service principals/) },
        { field: 'externalId', reason: expect.stringMatching(/guessable/) },
      ],
    });
    await expect(
      register(broker, { ...ACME, webhook: { url: 'http://acme.example/hook' } }, 'plain'),
    ).rejects.toMatchObject({
      issues: [{ field: 'webhook.url' }],
    });
    expect(await broker.vendors.get('bad')).toBeUndefined();
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /https/],
    ['https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is not a public address/],
    ['https://[::ffff:a9fe:a9fe]/hook', /169\.254\.169\.254 is not a public address/],
    ['https://10.1.2.3/hook', /private/],
    ['https://192.168.0.10/hook', /private/],
    ['https://[fd00::1]/hook', /uniqueLocal/],
    ['https://[::1]/hook', /loopback/],
    ['https://2130706433/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://0x7f.1/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://0177.0.0.1/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://localhost./hook', /names this machine/],
    ['https://metadata.google.internal/computeMetadata/v1/', /\.internal/],
    ['https://user:pass@acme.example/hook', /user name or password/],
  ])('refuses the webhook %s, saying which rule it breaks, and registers nothing', async (url, reason) => {
    const broker = testBroker();
    await expect(register(broker, { ...ACME, webhook: { url } })).rejects.toMatchObject({
      issues: [{ field: 'webhook.url', reason: expect.stringMatching(reason) }],
    });
    expect(await broker.vendors.get('acme')).toBeUndefined();
  });

  it('makes a webhook secret once, keeps it on updates and replaces it on rotation', async () => {
    const broker = testBroker();
    const webhook = { url: 'https://acme.example/hooks/access' };
    const first = await register(broker, { ...ACME, webhook });
    expect(first.newWebhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const updated = await register(broker, { ...ACME, displayName: 'Acme Audit', webhook });
    expect(updated.newWebhookSecret).toBeUndefined();
    expect(updated.vendor.webhook?.secret).toBe(first.newWebhookSecret);
    const rotated = await register(broker, { ...ACME, webhook, rotateWebhookSecret: true });
    expect(rotated.newWebhookSecret).not.toBe(first.newWebhookSecret);
    expect(rotated.vendor.version).toBe(3);
  });

  it('refuses a registration made from a stale read', async () => {
    const broker = testBroker();
    const { vendor } = await register(broker, ACME);
    await register(broker, { ...ACME, displayName: 'Acme (renamed)' });
    const stale = {
      vendorId: 'acme',
      seq: 2,
      at: vendor.createdAt,
      action: 'UPDATED',
      actor: 'admin',
    } as const;
    await expect(broker.vendors.put({ ...vendor, version: 2 }, 1, stale)).rejects.toBeInstanceOf(
      VendorConflictError,
    );
    expect((await broker.vendors.history('acme')).map((change) => change.action)).toEqual([
      'REGISTERED',
      'UPDATED',
    ]);
  });
});

describe('a request naming a vendor', () => {
  it("gets the vendor's principal, name and External ID", async () => {
    const broker = testBroker();
    await register(broker, ACME);
    const { record } = await createRequest(broker, { body: byVendor(), actor: 'jira' });
    expect(record).toMatchObject({
      principal: { arn: ACME.principals[0] },
      vendor: { id: 'acme', displayName: 'Acme Audit LLP' },
      externalId: ACME.externalId,
      externalIdSource: 'vendor',
    });
    const other = await createRequest(broker, {
      body: byVendor({ principal: '444455556666' }),
      actor: 'jira',
    });
    expect(other.record.principal.arn).toBe('arn:aws:iam::444455556666:root');
  });

  it('rotates the External ID for new requests only: live grants keep the one their role trusts', async () => {
    const broker = testBroker();
    await register(broker, ACME);
    const { record: before } = await createRequest(broker, { body: byVendor(), actor: 'jira' });
    await register(broker, { ...ACME, externalId: 'acme-Q3tn-8Hwz-Vb2c-Kx5j' });
    const { record: after } = await createRequest(broker, { body: byVendor(), actor: 'jira' });
    expect((await broker.store.get(before.id))?.externalId).toBe(ACME.externalId);
    expect(after.externalId).toBe('acme-Q3tn-8Hwz-Vb2c-Kx5j');
  });

  it("refuses an unknown vendor, another principal, or an External ID of the request's own, and stores nothing", async () => {
    const broker = testBroker();
    await register(broker, ACME);
    await expect(
      createRequest(broker, { body: byVendor({ vendor: 'nobody' }), actor: 'jira' }),
    ).rejects.toMatchObject({
      issues: [{ field: 'vendor', reason: 'names no registered vendor' }],
    });
    await expect(
      createRequest(broker, {
        body: byVendor({ principal: 'arn:aws:iam::999988887777:role/Other', externalId: 'x7Kq2LmN9pRt4VwZ' }),
        actor: 'jira',
      }),
    ).rejects.toMatchObject({
      issues: [
        { field: 'principal', reason: "is not one of acme's registered principals" },
        { field: 'externalId', reason: expect.stringMatching(/must be absent with a vendor/) },
      ],
    });
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { principal, ...neither } = auditRequestBody();
    await expect(createRequest(broker, { body: neither, actor: 'jira' })).rejects.toMatchObject({
      issues: [{ field: 'principal', reason: 'is required (or name a vendor)' }],
    });
    expect(broker.store.records.size).toBe(0);
  });
});
