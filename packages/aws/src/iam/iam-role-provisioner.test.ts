import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type GrantRecord, grantRoleSpec, ProvisioningError, roleNameFor } from '@access-broker/core';
import { testConfig } from '@access-broker/core/testing';
import { seedProvisioner } from '@access-broker/local';
import { type LocalAws, type LocalCredentials, startLocalAws } from '@access-broker/local-aws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sdkClientConfig } from '../sdk-client-config';
import { TargetAccountIamClients } from './iam-clients';
import { IamRoleProvisioner } from './iam-role-provisioner';

const HOME = '123456789012';
const SPOKE = '222233334444';
const config = testConfig({
  targetAccounts: {
    [SPOKE]: {
      provisionerRoleArn: `arn:aws:iam::${SPOKE}:role/access-broker-provisioner`,
      externalId: 'spoke-7Qx9-2f8KpL3mZ-provisioner',
    },
  },
});
const EXTERNAL_ID = 'Zt8aQe3r1Lk0-vendor-tenant-4471';

let now: Date;
let iam: LocalAws;
let broker: LocalCredentials;
let thirdParty: LocalCredentials;
let provisioner: IamRoleProvisioner;
const clients: { destroy(): void }[] = [];

function client<T extends { destroy(): void }>(
  Client: new (config: ReturnType<typeof sdkClientConfig>) => T,
  credentials: LocalCredentials | { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  maxAttempts = 8,
): T {
  const created = new Client(
    sdkClientConfig({
      region: 'us-east-1',
      endpoint: iam.endpoint,
      credentials,
      maxAttempts,
      retryBaseDelayMs: 5,
    }),
  );
  clients.push(created);
  return created;
}

/** The provisioner's view of time is the test's: waiting for IAM to propagate moves the clock. */
const consistency = (propagationDelayMs: number) => ({
  propagationDelayMs,
  now: () => now,
  sleep: async (ms: number) => void (now = new Date(now.getTime() + ms)),
});

async function start(
  options: { stateFile?: string; maxAttempts?: number; propagationDelayMs?: number } = {},
) {
  iam = await startLocalAws({
    clock: () => now,
    ...(options.stateFile ? { stateFile: options.stateFile } : {}),
  });
  ({ provisioner: broker, thirdParty } = seedProvisioner(iam.state, config));
  const home = client(IAMClient, broker, options.maxAttempts);
  provisioner = new IamRoleProvisioner(
    new TargetAccountIamClients({
      homeAccountId: HOME,
      home,
      targets: config.targetAccounts,
      sts: client(STSClient, broker),
      clientConfig: sdkClientConfig({ region: 'us-east-1', endpoint: iam.endpoint, retryBaseDelayMs: 5 }),
    }),
    consistency(options.propagationDelayMs ?? 0),
  );
}

beforeEach(async () => {
  now = new Date();
  await start();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await iam.close();
});

let counter = 0;
function spec(overrides: Partial<GrantRecord> = {}, expiresInMs = 3_600_000) {
  const id = `req${++counter}`;
  const record = {
    id,
    roleName: roleNameFor(id),
    expiresAt: new Date(now.getTime() + expiresInMs).toISOString(),
    principal: {
      arn: 'arn:aws:iam::111122223333:role/ThirdPartyAuditor',
      accountId: '111122223333',
      partition: 'aws' as const,
      kind: 'role' as const,
    },
    targetAccountId: HOME,
    statements: [
      { Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::awsproduction345/*'] },
    ],
    managedPolicyArns: [],
    externalId: EXTERNAL_ID,
    requester: { id: 'dave' },
    ...overrides,
  } as unknown as GrantRecord & { roleName: string; expiresAt: string };
  return grantRoleSpec(record, config, record.targetAccountId);
}

const grantRoles = async (accountId = HOME) =>
  [...iam.state.roles.values()]
    .filter((role) => role.accountId === accountId && role.path === '/access-broker/')
    .map((role) => role.roleName);

describe('teardown against an eventually consistent IAM', () => {
  it('does not take a role that is not propagated yet for gone: a cleanup right after CreateRole removes it', async () => {
    await iam.close();
    await start({ propagationDelayMs: 2_000 });
    iam.state.readLagMs = 2_000;
    const role = spec({ id: 'fresh1' } as Partial<GrantRecord>);
    const created = now.toISOString();
    await client(IAMClient, broker).send(
      new CreateRoleCommand({
        RoleName: role.roleName,
        Path: role.path,
        AssumeRolePolicyDocument: JSON.stringify(role.trustPolicy),
        PermissionsBoundary: role.permissionsBoundaryArn,
        Tags: role.tags,
      }),
    );
    // A read this instant misses it: IAM has not propagated it (AccessDenied: the broker's policy is scoped to
    // the path, and a role IAM does not find is authorized against its path-less ARN).
    await expect(
      client(IAMClient, broker, 1).send(new GetRoleCommand({ RoleName: role.roleName })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    // The failed provisioning's cleanup (owner unconfirmed): one GetRole said "missing", the second, a
    // propagation delay later, finds it, and the role goes.
    await provisioner.teardownRole(HOME, {
      roleName: role.roleName,
      managedPolicyArns: [],
      onlyIfOwnedBy: 'fresh1',
      createdAfter: created,
    });
    expect(await grantRoles()).toEqual([]);
  });

  it('believes a missing role at once when it is older than the propagation delay', async () => {
    await iam.close();
    await start({ propagationDelayMs: 2_000 });
    const before = now.getTime();
    await provisioner.teardownRole(HOME, {
      roleName: roleNameFor('neverthere'),
      managedPolicyArns: [],
      createdAfter: new Date(before - 60_000).toISOString(),
    });
    expect(now.getTime()).toBe(before);
  });
});

describe('IamRoleProvisioner against the local IAM/STS', () => {
  it('creates a grant role in 2 IAM calls and tears it down in 3', async () => {
    const role = spec();
    iam.faults.resetCounters();
    const { roleArn } = await provisioner.createRole(HOME, role);
    const createCalls = [...iam.faults.calls.values()].reduce((a, b) => a + b, 0);
    const { Role } = await client(IAMClient, broker).send(new GetRoleCommand({ RoleName: role.roleName }));
    expect(Role).toMatchObject({
      Arn: roleArn,
      Path: '/access-broker/',
      PermissionsBoundary: { PermissionsBoundaryArn: role.permissionsBoundaryArn },
    });
    iam.faults.resetCounters();
    await provisioner.teardownRole(HOME, { roleName: role.roleName, managedPolicyArns: [] });
    const teardownCalls = [...iam.faults.calls.values()].reduce((a, b) => a + b, 0);
    expect({ createCalls, teardownCalls }).toEqual({ createCalls: 2, teardownCalls: 3 });
    expect(await grantRoles()).toEqual([]);
  });

  it('lets the third party assume the role with its External ID, and with nothing else', async () => {
    const role = spec({}, 60_000);
    const { roleArn } = await provisioner.createRole(HOME, role);
    const sts = client(STSClient, thirdParty, 1);
    const assume = (ExternalId?: string) =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: 'audit',
          ...(ExternalId ? { ExternalId } : {}),
        }),
      );
    const { Credentials } = await assume(EXTERNAL_ID);
    const session = client(STSClient, {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    });
    expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${HOME}:assumed-role/${role.roleName}/audit`,
    );
    await expect(assume(`${EXTERNAL_ID}-wrong`)).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assume()).rejects.toMatchObject({ name: 'AccessDenied' });
    now = new Date(now.getTime() + 61_000);
    await expect(assume(EXTERNAL_ID)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('is safe when two teardowns run at once', async () => {
    const role = spec({ managedPolicyArns: ['arn:aws:iam::aws:policy/SecurityAudit'] });
    await provisioner.createRole(HOME, role);
    const teardown = () =>
      provisioner.teardownRole(HOME, { roleName: role.roleName, managedPolicyArns: role.managedPolicyArns });
    await expect(Promise.all([teardown(), teardown(), teardown()])).resolves.toHaveLength(3);
    expect(await grantRoles()).toEqual([]);
    await expect(teardown()).resolves.toBeUndefined();
  });

  it('leaves nothing behind when creation fails half-way', async () => {
    iam.faults.configure({ rules: { AttachRolePolicy: { serverError: 1 } } });
    const role = spec({ managedPolicyArns: ['arn:aws:iam::aws:policy/SecurityAudit'] });
    await expect(provisioner.createRole(HOME, role)).rejects.toBeInstanceOf(ProvisioningError);
    expect(await grantRoles()).toEqual([]);
  });

  it('completes every operation with 30% throttling injected on every action', async () => {
    iam.faults.configure({ seed: 7, rules: { '*': { throttle: 0.3 } } });
    for (let i = 0; i < 10; i++) {
      const role = spec({ managedPolicyArns: ['arn:aws:iam::aws:policy/SecurityAudit'] });
      await provisioner.createRole(HOME, role);
      await provisioner.teardownRole(HOME, {
        roleName: role.roleName,
        managedPolicyArns: role.managedPolicyArns,
      });
    }
    expect(iam.faults.injected.get('throttle')).toBeGreaterThan(10);
    expect(await grantRoles()).toEqual([]);
  });

  it("refuses to adopt someone else's role of the same name", async () => {
    const role = spec();
    await provisioner.createRole(HOME, role);
    const impostor = { ...role, tags: [{ Key: 'access-broker:request-id', Value: 'someone-else' }] };
    await expect(provisioner.createRole(HOME, impostor)).rejects.toBeInstanceOf(ProvisioningError);
    expect(await grantRoles()).toEqual([role.roleName]);
  });

  it("leaves a role planted under the grant's name alone when a failed provisioning cleans up", async () => {
    const planted = { ...spec(), tags: [{ Key: 'access-broker:request-id', Value: 'someone-else' }] };
    await provisioner.createRole(HOME, planted);
    await provisioner.teardownRole(HOME, {
      roleName: planted.roleName,
      managedPolicyArns: [],
      onlyIfOwnedBy: 'req1',
    });
    expect(await grantRoles()).toEqual([planted.roleName]);
    // Its own role, unconfirmed, is still removed.
    await provisioner.teardownRole(HOME, {
      roleName: planted.roleName,
      managedPolicyArns: [],
      onlyIfOwnedBy: 'someone-else',
    });
    expect(await grantRoles()).toEqual([]);
  });

  it('adopts its own role when a lost response makes the SDK retry CreateRole', async () => {
    // The first CreateRole takes effect and then answers 500, so the SDK's retry meets EntityAlreadyExists.
    iam.faults.configure({ rules: { CreateRole: { script: ['error-after'] } } });
    const role = spec();
    const { roleArn } = await provisioner.createRole(HOME, role);
    expect(iam.faults.injected.get('error-after')).toBe(1);
    expect(iam.faults.calls.get('CreateRole')).toBe(2);
    expect(roleArn).toContain(role.roleName);
    expect(await grantRoles()).toEqual([role.roleName]);
  });

  it('provisions into a spoke account through its provisioner role', async () => {
    const role = spec({ targetAccountId: SPOKE });
    const { roleArn } = await provisioner.createRole(SPOKE, role);
    expect(roleArn).toBe(`arn:aws:iam::${SPOKE}:role/access-broker/${role.roleName}`);
    expect(await grantRoles(SPOKE)).toEqual([role.roleName]);
    expect(await grantRoles(HOME)).toEqual([]);
    await provisioner.teardownRole(SPOKE, { roleName: role.roleName, managedPolicyArns: [] });
    expect(await grantRoles(SPOKE)).toEqual([]);
  });

  it("enforces the broker's own policy: no role without the boundary, none outside its path", async () => {
    const noBoundary = { ...spec(), permissionsBoundaryArn: 'arn:aws:iam::aws:policy/SecurityAudit' };
    await expect(provisioner.createRole(HOME, noBoundary)).rejects.toThrow(/AccessDenied/);
    const outside = { ...spec(), path: '/' as '/access-broker/' };
    await expect(provisioner.createRole(HOME, outside)).rejects.toThrow(/AccessDenied/);
    expect(await grantRoles()).toEqual([]);
  });

  it('refuses unknown keys and wrong secrets', async () => {
    await expect(
      client(IAMClient, { accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' }, 1).send(
        new ListRolesCommand({}),
      ),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(
      client(IAMClient, { ...broker, secretAccessKey: 'wrong' }, 1).send(new ListRolesCommand({})),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(client(IAMClient, thirdParty, 1).send(new ListRolesCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});

describe('local IAM persistence', () => {
  it('keeps roles and keys across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broker-iam-'));
    try {
      for (const c of clients.splice(0)) c.destroy();
      await iam.close();
      await start({ stateFile: join(dir, 'iam.jsonl') });
      const role = spec();
      await provisioner.createRole(HOME, role);
      const keyBefore = broker.accessKeyId;
      for (const c of clients.splice(0)) c.destroy();
      await iam.close();
      await start({ stateFile: join(dir, 'iam.jsonl') });
      expect(broker.accessKeyId).toBe(keyBefore);
      expect(await grantRoles()).toEqual([role.roleName]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
