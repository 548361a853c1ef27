import { beforeEach, describe, expect, it } from 'vitest';
import { auditRequest, type BrokerUnderTest, brokerForFile, statusOf } from './support/broker-under-test';

const current = brokerForFile();
let broker: BrokerUnderTest;
beforeEach(() => void (broker = current()));

async function filed(): Promise<string> {
  const { body } = await broker.api('POST', '/v1/requests', {
    token: broker.description.tokens.requester,
    body: auditRequest({ duration: 'PT5M' }),
  });
  return body.id as string;
}

async function approveUntilFailed(id: string) {
  await broker.api('POST', `/v1/requests/${id}/decision`, {
    token: broker.description.tokens.approver,
    body: { decision: 'approve' },
  });
  await statusOf(broker, id, 'FAILED');
}

describe('an account that holds all the roles IAM allows', () => {
  it('refuses the grant at once with one CreateRole call, cleans up without a role, and pages nobody', async () => {
    const id = await filed();
    broker.aws.faults.resetCounters();
    broker.aws.faults.configure({ rules: { CreateRole: { limitExceeded: 1 } } });
    try {
      await approveUntilFailed(id);
    } finally {
      broker.aws.faults.configure(undefined);
    }
    // Neither the SDK nor the workflow retried a quota as if it were throttling.
    expect(broker.aws.faults.calls.get('CreateRole')).toBe(1);
    const { body: trail } = await broker.api('GET', `/v1/requests/${id}/audit`, {
      token: broker.description.tokens.requester,
    });
    const actions = trail.items.map((entry: { action: string }) => entry.action);
    expect(actions).toContain('PROVISIONING_FAILED');
    expect(actions).not.toContain('REVOCATION_FAILED');
    const record = await broker.store.get(id);
    expect(record?.failure?.reason).toMatch(/QuotaExceededError.*RolesPerAccount/);
    await broker.eventsDelivered();
    const about = broker.events.filter((event) => event.detail.requestId === id);
    expect(about.map((event) => event.detailType)).not.toContain('Revocation Failed');
  });

  it('admits no grant once the account uses the configured share of its role quota: no role, no CreateRole', async () => {
    const id = await filed();
    const roles = [...broker.aws.state.roles.values()].filter(
      (role) => role.accountId === broker.config.broker.homeAccountId,
    ).length;
    // One more role would pass 90% (limits.maxRoleQuotaUse) of this quota.
    broker.aws.state.roleQuota = Math.floor(roles / 0.9) + 1;
    broker.aws.faults.resetCounters();
    try {
      await approveUntilFailed(id);
    } finally {
      broker.aws.state.roleQuota = 1000;
    }
    expect(broker.aws.faults.calls.get('GetAccountSummary')).toBe(1);
    expect(broker.aws.faults.calls.get('CreateRole')).toBeUndefined();
    const record = await broker.store.get(id);
    expect(record?.failure?.reason).toMatch(/QuotaExceededError.*limits\.maxRoleQuotaUse/);
  });
});
