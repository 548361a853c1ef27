import { describe, expect, it } from 'vitest';
import { auditRequestBody, testBroker } from '../../testing';
import { createRequest } from '../../requests/create-request';
import { failProvisioning } from '../end/end-grant';
import { provisionGrant } from './provision-grant';
import { recordDecision } from '../../approval/record-decision';
import { activeGrant, approvedRequest } from '../../testing/use-case-fixtures';

describe('provisionGrant', () => {
  it('counts expiry from activation, not from the request', async () => {
    // Prepare: approval takes three hours
    const broker = testBroker();
    const { record } = await createRequest(broker, {
      body: auditRequestBody({ duration: 'PT2H' }),
      actor: 'jira',
    });
    broker.clock.advance(3 * 3600_000);
    await recordDecision(broker, {
      id: record.id,
      approver: { id: 'alice', channel: 'api' },
      decision: 'approve',
    });
    // Act
    const grant = await provisionGrant(broker, record.id);
    // Assess
    const activatedAt = broker.clock.now().getTime();
    expect(grant.status).toBe('ACTIVE');
    expect(Date.parse(grant.expiresAt!)).toBe(activatedAt + 2 * 3600_000);
    expect(grant.dueAt).toBe(grant.expiresAt);
    expect(grant.roleArn).toBe(`arn:aws:iam::123456789012:role/access-broker/access-broker-${record.id}`);
  });

  it('admits a grant only while the account stays within limits.maxRoleQuotaUse of its role quota', async () => {
    const broker = testBroker();
    broker.provisioner.roleQuota = 10;
    broker.provisioner.otherRoles = 8; // one more is 9 of 10: the default 90% still admits it
    expect((await activeGrant(broker)).status).toBe('ACTIVE');
    const refused = await approvedRequest(broker);
    await expect(provisionGrant(broker, refused.id)).rejects.toThrow(
      /holds 9 of its 10 IAM roles; the broker stops at 90% \(limits\.maxRoleQuotaUse\)/,
    );
    expect(broker.provisioner.calls.filter((call) => call.startsWith('create:'))).toHaveLength(1);
    expect(broker.scheduler.schedules.has(refused.id)).toBe(false);
  });

  it('schedules expiry before the role exists and builds the role from core', async () => {
    const broker = testBroker();
    const grant = await activeGrant(broker);
    expect(broker.scheduler.schedules.get(grant.id)?.toISOString()).toBe(grant.expiresAt);
    const role = broker.provisioner.roles.get(grant.roleName!)!;
    expect(role.permissionsBoundaryArn).toBe(
      'arn:aws:iam::123456789012:policy/access-broker/access-broker-boundary',
    );
    expect(role.trustPolicy.Statement[0]).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::111122223333:role/ThirdPartyAuditor' },
    });
    expect(role.tags).toContainEqual({ Key: 'access-broker:ticket', Value: 'SEC-123' });
  });

  it('is safe to retry: an ACTIVE grant is returned, a retried PROVISIONING keeps its expiry', async () => {
    const broker = testBroker();
    const record = await approvedRequest(broker);
    broker.provisioner.failCreates = 1;
    await expect(provisionGrant(broker, record.id)).rejects.toThrow(/injected/);
    const stuck = await broker.store.get(record.id);
    broker.clock.advance(60_000);
    const grant = await provisionGrant(broker, record.id);
    expect(grant.status).toBe('ACTIVE');
    expect(grant.expiresAt).toBe(stuck?.expiresAt);
    expect(await provisionGrant(broker, record.id)).toEqual(grant);
    expect(broker.provisioner.calls.filter((call) => call.startsWith('create'))).toHaveLength(2);
  });

  it('ends FAILED after cleaning up, through the same teardown as a revocation', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    await recordDecision(broker, {
      id: record.id,
      approver: { id: 'alice', channel: 'api' },
      decision: 'approve',
    });
    broker.provisioner.failCreates = 1;
    await provisionGrant(broker, record.id).catch(() => undefined);
    const failed = await failProvisioning(broker, {
      id: record.id,
      error: 'ProvisioningError: AccessDenied',
    });
    expect(failed).toMatchObject({
      status: 'FAILED',
      failure: { reason: 'ProvisioningError: AccessDenied' },
    });
    expect(failed.dueAt).toBeUndefined();
    expect(broker.provisioner.calls.at(-1)).toBe(`teardown:${failed.roleName}`);
    expect(broker.scheduler.schedules.has(record.id)).toBe(false);
  });
});
