import { describe, expect, it } from 'vitest';
import { testBroker } from '../../testing';
import { failProvisioning } from './end-grant';
import { provisionGrant } from '../provision/provision-grant';
import { approvedRequest } from '../../testing/use-case-fixtures';

describe('failProvisioning', () => {
  it("leaves a role someone planted under the grant's name when provisioning failed before its own role", async () => {
    // Prepare
    const broker = testBroker();
    const record = await approvedRequest(broker);
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
