import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerUnderTest, startBrokerUnderTest, statusOf } from './support/broker-under-test';
import { auditRequestArgs, runCli } from './support/cli-process';

let broker: BrokerUnderTest;
beforeAll(async () => {
  broker = await startBrokerUnderTest();
});
afterAll(async () => {
  await broker?.close();
});

/** Runs the real `broker` command in a child process against the local API (no saved sign-in). */
const broker$ = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { BROKER_HOME: broker.home, BROKER_CONFIG_DIR: join(broker.home, 'no-logins'), ...env });

const REQUEST = [...auditRequestArgs('dave'), '--ticket', 'jira:SEC-321'];

describe('the broker CLI, against the local runtime', () => {
  it('does the whole journey: request --wait, approve, status, aws-profile that the SDK can use, audit, revoke', async () => {
    // request --wait blocks until an approver decides
    const waiting = broker$([...REQUEST, '--wait', '--json']);
    const id = await broker.waitFor('the CLI request', async () => {
      const { body } = await broker.api('GET', '/v1/requests?status=PENDING_APPROVAL', {
        token: broker.description.tokens.admin,
      });
      return body.items.find((item: { requester: string }) => item.requester === 'dave')?.id as
        string | undefined;
    });
    await statusOf(broker, id, 'PENDING_APPROVAL');
    const approved = await broker$(['approve', id, '--comment', 'fine']);
    expect(approved).toMatchObject({ code: 0, stdout: `${id} APPROVED\n` });
    const waited = await waiting;
    expect(waited.code).toBe(0);
    const grant = JSON.parse(waited.stdout).grant;
    expect(grant.roleArn).toContain(`access-broker-${id}`);

    const status = await broker$(['status', id]);
    expect(status.stdout).toContain(`external id   ${grant.externalId}`);

    // The printed profile works with the SDK's own shared-config loading (source_profile → AssumeRole).
    const profile = await broker$(['aws-profile', id, '--source-profile', 'auditor']);
    expect(profile.code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'broker-aws-'));
    const { accessKeyId, secretAccessKey } = broker.description.demoThirdParty;
    // The printed profile names its region: the AWS CLI and SDKs refuse to run without one.
    expect(profile.stdout).toMatch(/^region = us-east-1$/m);
    await writeFile(join(dir, 'config'), `${profile.stdout}\n[profile auditor]\n`);
    await writeFile(
      join(dir, 'credentials'),
      `[auditor]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
    );
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_PROFILE: `access-broker-${id}`,
      AWS_ENDPOINT_URL_STS: broker.description.awsEndpoint,
    });
    // The region must come from the printed profile itself.
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      const sts = new STSClient({});
      expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toContain(
        `assumed-role/access-broker-${id}/`,
      );
      sts.destroy();
    } finally {
      process.env = saved;
      await rm(dir, { recursive: true, force: true });
    }

    const revoked = await broker$(['revoke', id, '--reason', 'done']);
    expect(revoked).toMatchObject({ code: 0, stdout: `${id} REVOKED\n` });
    // Comments and reasons people typed are shown where they decided and ended it.
    const audit = await broker$(['audit', id]);
    expect(audit.stdout).toMatch(/APPROVED\s+Ada Approver\s+\(fine\)/);
    expect(audit.stdout).toMatch(/REVOCATION_STARTED\s+Ada Approver\s+\(revoked: done\)/);
    const ended = await broker$(['status', id]);
    expect(ended.stdout).toMatch(/decision\s+approved by Ada Approver: "fine"/);
    expect(ended.stdout).toMatch(/ended\s+revoked by Ada Approver: "done"/);
    const list = await broker$(['list', '--status', 'REVOKED', '--json']);
    expect(JSON.parse(list.stdout).items.map((item: { id: string }) => item.id)).toContain(id);
  });

  it('lists what can be asked for: profiles, their parameters, what they grant and who approves', async () => {
    const human = await broker$(['profiles']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^s3-audit-read {2}Read one S3 bucket/m);
    expect(human.stdout).toMatch(/--param bucket=… {3}the bucket name/);
    expect(human.stdout).toMatch(/grants {8}s3:GetObject on arn:\{\{partition\}\}:s3:::\{\{bucket\}\}\/\*/);
    expect(human.stdout).toMatch(/approval {6}2 of local-approvers, through slack or api/);
    const { profiles } = JSON.parse((await broker$(['profiles', '--json'])).stdout);
    expect(profiles.map((profile: { name: string }) => profile.name)).toEqual(
      Object.keys(broker.config.profiles).sort(),
    );
  });

  it('exits with clear codes: 4 with the fields for a refused request, 2 without an API, 3 for an unknown id', async () => {
    const refused = await broker$([
      'request',
      '--principal',
      '*',
      '--profile',
      's3-audit-read',
      '--duration',
      'PT1M',
      '--justification',
      'x',
      '--requester',
      'dave',
    ]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/principal: wildcards are not allowed/);
    // Each issue once, under the problem's title.
    expect(refused.stderr.match(/wildcards are not allowed/g)).toHaveLength(1);
    expect(refused.stderr).toMatch(/^broker: 400 The request is invalid$/m);
    const noApi = await broker$(['status', 'x'], { BROKER_HOME: join(tmpdir(), 'no-broker-here') });
    expect(noApi.code).toBe(2);
    const missing = await broker$(['status', 'nosuchrequest']);
    expect(missing.code).toBe(3);
  });

  it('exits 2 on a usage error and says it once; --version; --json errors are JSON', async () => {
    const usage = await broker$(['request', '--principal', '111122223333']);
    expect(usage.code).toBe(2);
    // Each missing option once, all of them in one answer.
    expect(usage.stderr.match(/required option '--duration <iso>'/g)).toHaveLength(1);
    expect(usage.stderr.match(/required option '--justification <text>'/g)).toHaveLength(1);
    const unknown = await broker$(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.match(/unknown command/g)).toHaveLength(1);
    const version = await broker$(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });

    const missing = await broker$(['--json', 'status', 'nosuchrequest']);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stderr)).toEqual({
      error: {
        message: expect.stringContaining('404'),
        exitCode: 3,
        problem: expect.objectContaining({ status: 404, code: 'REQUEST_NOT_FOUND' }),
      },
    });
  });

  it('denies with a comment the requester sees; the next-page hint repeats the filters', async () => {
    const filed = await broker$([...REQUEST, '--json']);
    const { id } = JSON.parse(filed.stdout);
    const denied = await broker$(['deny', id, '--comment', 'wrong bucket']);
    expect(denied).toMatchObject({ code: 0, stdout: `${id} DENIED\n` });
    expect((await broker$(['status', id])).stdout).toMatch(
      /decision\s+denied by Ada Approver: "wrong bucket"/,
    );
    expect((await broker$(['audit', id])).stdout).toMatch(/DENIED\s+Ada Approver\s+\(wrong bucket\)/);

    const created = await broker$([...REQUEST]);
    // stdout stays what scripts read; the next steps are for the person, on stderr.
    expect(created.stdout).toMatch(/^[0-9a-z]{26} PENDING_APPROVAL\n$/);
    expect(created.stderr).toMatch(/broker status [0-9a-z]{26}/);
    const page = await broker$(['list', '--as', 'admin', '--status', 'PENDING_APPROVAL', '--limit', '1']);
    expect(page.stdout).toMatch(/^ID +STATUS +EXPIRES +PROFILE +THIRD PARTY$/m);
    expect(await broker$(['list', '--as', 'admin', '--status', 'REVOKE_FAILED'])).toMatchObject({
      code: 0,
      stdout: 'no requests with status REVOKE_FAILED\n',
    });
    expect(page.stdout).toMatch(/^more: broker list --status PENDING_APPROVAL --limit 1 --cursor \S+$/m);
    const next = page.stdout.match(/^more: broker (.*)$/m)![1]!.split(' ');
    const second = await broker$([...next, '--as', 'admin']);
    expect(second.code).toBe(0);
  });
});
