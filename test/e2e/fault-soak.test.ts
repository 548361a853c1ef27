import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRequest, type BrokerUnderTest, startBrokerUnderTest } from './support/broker-under-test';

const GRANTS = 200;
const CONCURRENCY = 20;
let broker: BrokerUnderTest;

beforeAll(async () => {
  broker = await startBrokerUnderTest({
    // Every IAM action, every call: 20% throttled, 5% answered 500 (half of those after taking effect).
    iamFaults: { seed: 42, rules: { '*': { throttle: 0.2, serverError: 0.05 } } },
    // Few SDK attempts, so failures do get through to the broker's own retry paths.
    sdkMaxAttempts: 3,
    limits: { teardownRetryBackoff: 'PT1S' },
    sweepIntervalMs: 300,
  });
});
afterAll(async () => {
  await broker?.close();
});

async function inParallel<T>(count: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let index = next++; index < count; index = next++) results[index] = await work(index);
    }),
  );
  return results;
}

describe('IAM fault soak', () => {
  it(`ends all ${GRANTS} grants with no role left behind, despite throttling and 500s on every IAM action`, async () => {
    const started = Date.now();
    const { tokens } = broker.description;
    const ids = await inParallel(GRANTS, async (index) => {
      const created = await broker.api('POST', '/v1/requests', {
        token: tokens.requester,
        body: auditRequest({ duration: 'PT2S', ticket: { system: 'jira', key: `SOAK-${index}` } }),
      });
      expect(created.status).toBe(202);
      const approved = await broker.api('POST', `/v1/requests/${created.body.id}/decision`, {
        token: tokens.approver,
        body: { decision: 'approve' },
      });
      expect(approved.status).toBe(200);
      return created.body.id as string;
    });

    const finals = await broker.waitFor(
      'every grant to end',
      async () => {
        const records = await Promise.all(ids.map((id) => broker.store.get(id)));
        return records.every((record) => record?.status === 'REVOKED' || record?.status === 'FAILED')
          ? records
          : undefined;
      },
      50_000,
    );
    const trails = await Promise.all(ids.map((id) => broker.store.auditTrail(id)));
    const sawRevokeFailure = trails.filter((trail) =>
      trail.some((entry) => entry.action === 'REVOCATION_FAILED'),
    ).length;
    const counts = {
      grants: GRANTS,
      revoked: finals.filter((record) => record!.status === 'REVOKED').length,
      failedProvisioning: finals.filter((record) => record!.status === 'FAILED').length,
      recoveredFromRevokeFailed: sawRevokeFailure,
      rolesLeft: [...broker.aws.state.roles.values()].filter((role) => role.path === '/access-broker/')
        .length,
      iamCalls: broker.iamCalls(),
      throttled: broker.aws.faults.injected.get('throttle') ?? 0,
      serverErrors:
        (broker.aws.faults.injected.get('error-before') ?? 0) +
        (broker.aws.faults.injected.get('error-after') ?? 0),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    console.log(`fault soak: ${JSON.stringify(counts)}`);

    expect(counts.revoked + counts.failedProvisioning).toBe(GRANTS);
    expect(counts.rolesLeft).toBe(0);
    expect(counts.throttled).toBeGreaterThan(100);
    expect(counts.serverErrors).toBeGreaterThan(10);
    // The soak must actually have driven grants through the failure paths it claims to prove.
    expect(counts.recoveredFromRevokeFailed).toBeGreaterThan(0);
    for (const record of finals) {
      if (record!.status === 'REVOKED') expect(record!.revocation?.reason).toBe('expired');
    }
  }, 90_000);
});
