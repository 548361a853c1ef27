import { describe, expect, it } from 'vitest';
import { auditRequestBody, testBroker } from '../testing';
import { createRequest } from './create-request';
import { failProvisioning } from './fail-provisioning';
import { provisionGrant } from './provision-grant';
import { recordDecision } from './record-decision';

describe('failProvisioning', () => {
  it("tears down the grant's own half-made role, but leaves a role someone planted under its name", async () => {
    // Prepare
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), clientId: 'jira' });
    await recordDecision(broker, {
      id: record.id,
      approver: { id: 'alice', channel: 'api' },
      decision: 'approve',
    });
    broker.provisioner.failCreates = 1;
    await expect(provisionGrant(broker, record.id)).rejects.toThrow(/injected/);
    const roleName = `access-broker-${record.id}`;
    broker.provisioner.plant(
      {
        roleName,
        path: '/access-broker/',
        tags: [{ Key: 'access-broker:request-id', Value: 'not-this-request' }],
      } as never,
      broker.clock.now(),
    );
    // Act
    const failed = await failProvisioning(broker, { id: record.id, error: 'CreateRole refused' });
    // Assess
    expect(failed.status).toBe('FAILED');
    expect(broker.provisioner.calls).toContain(`teardown:${roleName}`); // it did look, under that very name
    expect(broker.provisioner.roles.has(roleName)).toBe(true);
  });
});
