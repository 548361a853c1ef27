import { describe, expect, it } from 'vitest';
import { IdempotencyConflictError, ValidationError } from '../errors';
import { auditRequestBody, testBroker } from '../testing';
import { createRequest } from './create-request';

describe('createRequest', () => {
  it('stores a pending request and audits who asked', async () => {
    const broker = testBroker();
    const { record, replayed } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    expect(replayed).toBe(false);
    expect(record).toMatchObject({
      status: 'PENDING_APPROVAL',
      version: 1,
      approvals: [],
      profile: 's3-audit-read',
    });
    expect(await broker.store.auditTrail(record.id)).toEqual([
      expect.objectContaining({ action: 'REQUESTED', actor: 'jira', to: 'PENDING_APPROVAL', seq: 1 }),
    ]);
  });

  it('returns the same request for a retry with the same key and body', async () => {
    const broker = testBroker();
    const first = await createRequest(broker, {
      body: auditRequestBody(),
      actor: 'jira',
      idempotencyKey: 'SEC-123',
    });
    // Same body, keys in another order.
    const body = Object.fromEntries(Object.entries(auditRequestBody()).reverse());
    const second = await createRequest(broker, { body, actor: 'jira', idempotencyKey: 'SEC-123' });
    expect(second).toEqual({ record: first.record, replayed: true });
    expect(broker.store.records.size).toBe(1);
  });

  it('refuses the same key with a different body, and scopes keys per client', async () => {
    const broker = testBroker();
    await createRequest(broker, { body: auditRequestBody(), actor: 'jira', idempotencyKey: 'SEC-123' });
    await expect(
      createRequest(broker, {
        body: auditRequestBody({ duration: 'PT3H' }),
        actor: 'jira',
        idempotencyKey: 'SEC-123',
      }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    const other = await createRequest(broker, {
      body: auditRequestBody(),
      actor: 'servicenow',
      idempotencyKey: 'SEC-123',
    });
    expect(other.replayed).toBe(false);
  });

  it('stores nothing when the request is invalid', async () => {
    const broker = testBroker();
    await expect(
      createRequest(broker, { body: auditRequestBody({ principal: '*' }), actor: 'jira' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(broker.store.records.size).toBe(0);
    expect(broker.store.audit).toHaveLength(0);
  });
});
