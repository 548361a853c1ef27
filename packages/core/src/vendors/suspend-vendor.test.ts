import { describe, expect, it } from 'vitest';
import { VendorSuspendedError } from '../errors';
import { auditRequestBody, testBroker, type TestBroker } from '../testing';
import { createRequest } from '../requests/create-request';
import { recordDecision } from '../approval/record-decision';
import { provisionGrant } from '../grants/provision/provision-grant';
import { registerVendor } from './register-vendor';
import { finishSuspensions, resumeVendor, suspendVendor } from './suspend-vendor';

const ACME = {
  displayName: 'Acme Audit LLP',
  principals: ['arn:aws:iam::111122223333:role/ThirdPartyAuditor'],
  externalId: 'acme-7Fq2-Lw9x-Zr4k-Pm8v',
};

async function file(broker: TestBroker, vendor = 'acme') {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { principal, ...body } = auditRequestBody();
  return (await createRequest(broker, { body: { ...body, vendor }, actor: 'jira' })).record;
}
const approve = (broker: TestBroker, id: string) =>
  recordDecision(broker, { id, approver: { id: 'alice', channel: 'api' }, decision: 'approve' });

async function vendorsAndGrants() {
  const broker = testBroker();
  await registerVendor(broker, { id: 'acme', body: ACME, actor: 'admin' });
  await registerVendor(broker, {
    id: 'other',
    body: { ...ACME, displayName: 'Other', externalId: 'othr-Q3tn-8Hwz-Vb2c-Kx5j' },
    actor: 'admin',
  });
  const pending = await file(broker);
  const approved = await approve(broker, (await file(broker)).id);
  const active = await provisionGrant(broker, (await approve(broker, (await file(broker)).id)).id);
  const bystander = await provisionGrant(
    broker,
    (await approve(broker, (await file(broker, 'other')).id)).id,
  );
  return { broker, pending, approved, active, bystander };
}

describe('suspending a vendor', () => {
  it('ends everything the vendor holds, and only that: pending and approved cancelled, live grants revoked', async () => {
    const { broker, pending, approved, active, bystander } = await vendorsAndGrants();
    const { vendor, ended, failed } = await suspendVendor(broker, {
      id: 'acme',
      actor: 'api:admin',
      comment: 'breach reported',
    });
    expect(vendor.suspension).toMatchObject({ by: 'api:admin', comment: 'breach reported' });
    expect(failed).toEqual([]);
    const status = Object.fromEntries(ended.map((record) => [record.id, record.status]));
    expect(status).toEqual({ [pending.id]: 'CANCELLED', [approved.id]: 'CANCELLED', [active.id]: 'REVOKED' });
    expect(await broker.store.get(active.id)).toMatchObject({
      revocation: {
        reason: 'vendor-suspended',
        by: 'api:admin',
        comment: 'vendor acme suspended: breach reported',
      },
    });
    expect(broker.provisioner.roles.has(active.roleName!)).toBe(false);
    expect((await broker.store.get(bystander.id))?.status).toBe('ACTIVE');
    // Everything ended: the suspension is settled in the same call, and recorded.
    expect((await broker.vendors.history('acme')).map((change) => change.action)).toEqual([
      'REGISTERED',
      'SUSPENDED',
      'SUSPENSION_SETTLED',
    ]);
  });

  it('refuses new requests for the vendor, naming the field, until it is resumed', async () => {
    const { broker } = await vendorsAndGrants();
    await suspendVendor(broker, { id: 'acme', actor: 'api:admin' });
    await expect(file(broker)).rejects.toMatchObject({
      issues: [{ field: 'vendor', reason: 'is suspended: no new access until an admin resumes it' }],
    });
    // Registration changes do not lift it.
    const { vendor } = await registerVendor(broker, { id: 'acme', body: ACME, actor: 'admin' });
    expect(vendor.suspension).toBeDefined();
    const resumed = await resumeVendor(broker, { id: 'acme', actor: 'api:admin' });
    expect(resumed.suspension).toBeUndefined();
    expect((await file(broker)).status).toBe('PENDING_APPROVAL');
  });

  it('ends a grant that was being provisioned while the suspension ran: its role does not outlive it', async () => {
    const broker = testBroker();
    await registerVendor(broker, { id: 'acme', body: ACME, actor: 'admin' });
    const approved = await approve(broker, (await file(broker)).id);
    // The provisioning has read the vendor (not suspended yet) and is creating the role when the admin acts.
    const create = broker.provisioner.createRole.bind(broker.provisioner);
    let suspension: ReturnType<typeof suspendVendor> | undefined;
    broker.provisioner.createRole = async (accountId, spec) => {
      const created = await create(accountId, spec);
      suspension = suspendVendor(broker, { id: 'acme', actor: 'api:admin' });
      await suspension;
      return created;
    };
    const provisioned = await provisionGrant(broker, approved.id);
    expect(provisioned.status).toBe('REVOKED');
    expect((await suspension!).ended.map((record) => record.id)).toEqual([approved.id]);
    expect(broker.provisioner.roles.size).toBe(0);
    expect(broker.scheduler.schedules.size).toBe(0);
  });

  it('makes a provisioning that starts after the suspension create nothing', async () => {
    const broker = testBroker();
    await registerVendor(broker, { id: 'acme', body: ACME, actor: 'admin' });
    const approved = await approve(broker, (await file(broker)).id);
    // The request slipped past the suspension's listing (approved between the list and the write).
    await broker.vendors.put(
      {
        ...(await broker.vendors.get('acme'))!,
        suspension: { at: approved.createdAt, by: 'api:admin' },
        version: 2,
      },
      1,
      { vendorId: 'acme', seq: 2, at: approved.createdAt, action: 'SUSPENDED', actor: 'api:admin' },
    );
    await expect(provisionGrant(broker, approved.id)).rejects.toBeInstanceOf(VendorSuspendedError);
    expect(broker.provisioner.calls.filter((call) => call.startsWith('create'))).toEqual([]);
  });

  it('is idempotent: a second suspension keeps the first and ends what is still live', async () => {
    const { broker, active } = await vendorsAndGrants();
    broker.provisioner.failTeardowns = 1;
    const first = await suspendVendor(broker, { id: 'acme', actor: 'api:admin', comment: 'first' });
    expect(first.ended.find((record) => record.id === active.id)?.status).toBe('REVOKE_FAILED');
    const second = await suspendVendor(broker, { id: 'acme', actor: 'api:other', comment: 'second' });
    expect(second.vendor.suspension).toMatchObject({ by: 'api:admin', comment: 'first' });
    expect(second.ended.map((record) => [record.id, record.status])).toEqual([[active.id, 'REVOKED']]);
    await expect(suspendVendor(broker, { id: 'nobody', actor: 'api:admin' })).rejects.toMatchObject({
      code: 'VENDOR_NOT_FOUND',
    });
  });
});

describe('a suspension cut short', () => {
  it('is finished by the sweeper: what it left live is ended, then the suspension is settled', async () => {
    const { broker, active, bystander } = await vendorsAndGrants();
    // The process died right after the suspension was written: nothing of the vendor's has ended yet.
    const revoke = broker.store.update.bind(broker.store);
    broker.store.update = async () => {
      throw new Error('killed');
    };
    const cut = await suspendVendor(broker, { id: 'acme', actor: 'api:admin', comment: 'breach' });
    broker.store.update = revoke;
    expect(cut.failed.length).toBeGreaterThan(0);
    expect(cut.vendor.suspension?.settledAt).toBeUndefined();
    expect(await broker.store.get(active.id)).toMatchObject({ status: 'ACTIVE' });

    // Its own call still owns it for a while; then the sweeper takes it over.
    expect(await finishSuspensions(broker)).toBe(0);
    broker.clock.advance(3 * 60_000);
    expect(await finishSuspensions(broker)).toBe(3);
    expect(await broker.store.get(active.id)).toMatchObject({
      status: 'REVOKED',
      revocation: { reason: 'vendor-suspended', by: 'api:admin', comment: 'vendor acme suspended: breach' },
    });
    expect(await broker.store.get(bystander.id)).toMatchObject({ status: 'ACTIVE' });
    const settled = await broker.vendors.get('acme');
    expect(settled?.suspension?.settledAt).toBeDefined();
    expect((await broker.vendors.history('acme')).map((change) => change.action)).toEqual([
      'REGISTERED',
      'SUSPENDED',
      'SUSPENSION_SETTLED',
    ]);
    // Settled, it costs the sweeper the vendor list and nothing else.
    let reads = 0;
    const list = broker.store.list.bind(broker.store);
    broker.store.list = async (query) => (reads++, list(query));
    expect(await finishSuspensions(broker)).toBe(0);
    expect(reads).toBe(0);
  });

  it('is settled at once when it ended everything, and a resume in between is never overwritten', async () => {
    const { broker } = await vendorsAndGrants();
    const { vendor } = await suspendVendor(broker, { id: 'acme', actor: 'api:admin' });
    expect(vendor.suspension?.settledAt).toBeDefined();
    const resumed = await resumeVendor(broker, { id: 'acme', actor: 'api:admin' });
    expect(resumed.suspension).toBeUndefined();
    expect(await finishSuspensions(broker)).toBe(0);
    expect((await broker.vendors.get('acme'))?.suspension).toBeUndefined();
  });
});
