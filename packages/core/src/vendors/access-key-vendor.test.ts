import { compactDecrypt, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { auditRequestBody, testBroker, testConfig } from '../testing';
import { createRequest } from '../requests/create-request';
import { recordDecision } from '../approval/record-decision';
import { provisionGrant } from '../grants/provision/provision-grant';
import { expireGrant } from '../grants/end/end-grant';
import { reconcileOrphans } from '../grants/sweep/reconcile-orphans';
import { publicView } from '../requests/request-record';
import { registerVendor } from './register-vendor';

const CI = { displayName: 'Hosted CI', credentials: 'access-key', externalId: 'ci-7Fq2-Lw9x-Zr4k-Pm8v' };
const keyBroker = () =>
  testBroker(
    testConfig({ accessKeyVendors: { approval: { approverGroup: 'security', approvalsRequired: 2 } } }),
  );

async function vendorKeys() {
  const { publicKey, privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' });
  const { kty, crv, x, y } = await exportJWK(publicKey);
  return { publicKey: { kty, crv, x, y }, privateKey };
}
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const byCi = () => (({ principal, ...body }) => ({ ...body, vendor: 'ci' }))(auditRequestBody());

describe('an access-key vendor', () => {
  it('gets a user that may only assume its role, and one key whose secret only the vendor can read', async () => {
    const broker = keyBroker();
    const { publicKey, privateKey } = await vendorKeys();
    await registerVendor(broker, { id: 'ci', body: { ...CI, principals: [], publicKey }, actor: 'admin' });
    const { record } = await createRequest(broker, { body: byCi(), actor: 'jira' });
    const userArn = `arn:aws:iam::123456789012:user/access-broker/access-broker-${record.id}`;
    expect(record).toMatchObject({ credentials: 'access-key', principal: { arn: userArn, kind: 'user' } });
    // Its own approval rule: two approvers, whatever the profile says.
    await recordDecision(broker, {
      id: record.id,
      approver: { id: 'alice', channel: 'api' },
      decision: 'approve',
    });
    const approved = await recordDecision(broker, {
      id: record.id,
      approver: { id: 'bob', channel: 'api' },
      decision: 'approve',
    });
    const active = await provisionGrant(broker, approved.id);
    expect(active.status).toBe('ACTIVE');
    const user = broker.provisioner.keyUsers.get(`123456789012/access-broker-${record.id}`)!;
    expect(user.spec.policy).toMatchObject({
      Statement: [{ Action: 'sts:AssumeRole', Resource: active.roleArn, Condition: { DateLessThan: {} } }],
    });
    const trust = broker.provisioner.roles.get(active.roleName!)!.trustPolicy as unknown as {
      Statement: { Principal: unknown; Condition: Record<string, Record<string, unknown>> }[];
    };
    expect(trust.Statement[0]!.Principal).toEqual({ AWS: userArn });
    expect(trust.Statement[0]!.Condition.StringEquals).toMatchObject({ 'sts:ExternalId': CI.externalId });
    // Sealed to the vendor's key: the record never holds the secret readable, the API never shows it.
    const { sealedSecret, accessKeyId } = active.accessKey!;
    expect(JSON.stringify(active)).not.toContain(`secret-of-${accessKeyId}`);
    const { plaintext } = await compactDecrypt(sealedSecret, privateKey);
    expect(new TextDecoder().decode(plaintext)).toBe(`secret-of-${accessKeyId}`);
    expect(JSON.stringify(publicView(active))).not.toContain(sealedSecret);

    broker.clock.advance(3 * 3600_000);
    expect((await expireGrant(broker, active.id)).status).toBe('REVOKED');
    expect(broker.provisioner.keyUsers.size).toBe(0);
    expect(broker.provisioner.calls.indexOf(`teardown-user:access-broker-${record.id}`)).toBeLessThan(
      broker.provisioner.calls.indexOf(`teardown:${active.roleName}`),
    );
  });

  it('is refused unless the config allows it, with a public key and no principals', async () => {
    const off = testBroker();
    const { publicKey } = await vendorKeys();
    const refused = (broker: ReturnType<typeof testBroker>, body: object) =>
      registerVendor(broker, { id: 'ci', body, actor: 'admin' }).then(
        () => [],
        (error: { issues: { field: string }[] }) => error.issues.map((issue) => issue.field),
      );
    expect(await refused(off, { ...CI, principals: [], publicKey })).toEqual(['credentials']);
    const on = keyBroker();
    expect(await refused(on, { ...CI, principals: [] })).toEqual(['publicKey']);
    expect(await refused(on, { ...CI, principals: ['111122223333'], publicKey })).toEqual(['principals']);
    expect(
      await refused(on, { ...CI, principals: [], publicKey: { ...publicKey, d: 'private-part' } }),
    ).toEqual(['publicKey']);
    expect(await refused(on, { displayName: 'Role vendor', principals: [] })).toEqual(['principals']);
    await registerVendor(on, { id: 'ci', body: { ...CI, principals: [], publicKey }, actor: 'admin' });
    await expect(
      createRequest(on, { body: { ...byCi(), principal: '111122223333' }, actor: 'jira' }),
    ).rejects.toMatchObject({ issues: [{ field: 'principal' }] });
  });

  it('has its orphaned user removed by the reconciler, as orphaned roles are', async () => {
    const broker = keyBroker();
    const { publicKey } = await vendorKeys();
    await registerVendor(broker, { id: 'ci', body: { ...CI, principals: [], publicKey }, actor: 'admin' });
    await broker.provisioner.createKeyUser('123456789012', {
      userName: 'access-broker-01jghostghostghostghostghost',
      path: '/access-broker/',
      permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/access-broker/b-key-user',
      policyName: 'assume-grant-role',
      policy: {},
      tags: [],
    });
    broker.clock.advance(3600_000);
    expect(await reconcileOrphans(broker)).toEqual([
      expect.objectContaining({ kind: 'user', roleName: 'access-broker-01jghostghostghostghostghost' }),
    ]);
    expect(broker.provisioner.keyUsers.size).toBe(0);
  });
});
