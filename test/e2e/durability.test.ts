import { scheduleName } from '@access-broker/aws';
import { execFile } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DamagedStateFile } from '@access-broker/local-aws';
import { afterEach, describe, expect, it } from 'vitest';
import {
  auditRequest,
  type BrokerUnderTest,
  decideWhenWaiting,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';

const ROOT = resolve(import.meta.dirname, '../..');
let broker: BrokerUnderTest | undefined;
let home: string | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
  if (home) await rm(home, { recursive: true, force: true });
  home = undefined;
});

const create = (b: BrokerUnderTest, duration = 'PT5M') =>
  b.api('POST', '/v1/requests', { token: b.description.tokens.requester, body: auditRequest({ duration }) });

describe('a full disk', () => {
  it('refuses new work with a clear problem+json, keeps serving reads, and resumes once there is room', async () => {
    broker = await startBrokerUnderTest({ faults: { diskFullAfterBytes: 50_000_000 }, sdkMaxAttempts: 2 });
    const before = await create(broker);
    expect(before.status).toBe(202);
    broker.disk!.room = 0;
    // The first write meets the full disk inside DynamoDB; from then on the API refuses before any work.
    await create(broker).catch(() => undefined);
    const refused = await create(broker);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({
      title: 'Storage unavailable',
      detail: expect.stringMatching(/cannot write .*dynamodb\.jsonl \(ENOSPC.*Nothing was changed/),
    });
    const read = await broker.api('GET', `/v1/requests/${before.body.id}`, {
      token: broker.description.tokens.requester,
    });
    expect(read.status).toBe(200);

    broker.disk!.room = 50_000_000;
    const after = await broker.waitFor('the broker to take writes again', async () => {
      const attempt = await create(broker!);
      return attempt.status === 202 ? attempt : undefined;
    });
    await decideWhenWaiting(broker, after.body.id);
    await statusOf(broker, after.body.id, 'ACTIVE');
  }, 60_000);
});

describe('damaged state files', () => {
  it('refuses to start on a damaged table log, naming the file, the line and the repair, which then works', async () => {
    home = await mkdtemp(join(tmpdir(), 'broker-damaged-'));
    broker = await startBrokerUnderTest({ home });
    const kept = await create(broker);
    await broker.close();
    broker = undefined;
    const table = join(home, 'dynamodb.jsonl');
    appendFileSync(table, '[["garbage\n[]\n');
    const refused = await startBrokerUnderTest({ home }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DamagedStateFile);
    expect((refused as Error).message).toMatch(
      new RegExp(`${table}: line \\d+ is not JSON\\. .*npm run repair-home -- ${table}`),
    );
    const repaired = await promisify(execFile)('npm', ['run', '--silent', 'repair-home', '--', table], {
      cwd: ROOT,
    });
    expect(repaired.stdout).toMatch(/set 1 aside in dynamodb\.jsonl\.damaged/);
    broker = await startBrokerUnderTest({ home });
    expect(await broker.store.get(kept.body.id)).toMatchObject({ status: 'PENDING_APPROVAL' });
  }, 60_000);

  it('refuses to start on a damaged IAM state instead of forgetting every role', async () => {
    home = await mkdtemp(join(tmpdir(), 'broker-damaged-'));
    broker = await startBrokerUnderTest({ home });
    await broker.close();
    broker = undefined;
    appendFileSync(join(home, 'iam.jsonl'), '{"role": "broken\n{}\n');
    const refused = await startBrokerUnderTest({ home }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DamagedStateFile);
    expect((refused as Error).message).toMatch(/iam\.jsonl: line \d+ is not JSON\. .*the grants' roles/);
  }, 60_000);

  it('rebuilds a damaged schedules file from the table: the grant still ends by its schedule', async () => {
    home = await mkdtemp(join(tmpdir(), 'broker-damaged-'));
    broker = await startBrokerUnderTest({ home, sweepIntervalMs: 3_600_000 });
    const filed = await create(broker, 'PT8S');
    await decideWhenWaiting(broker, filed.body.id);
    await statusOf(broker, filed.body.id, 'ACTIVE');
    await broker.close();
    writeFileSync(join(home, 'schedules.json'), '[{"name":');
    broker = await startBrokerUnderTest({ home, sweepIntervalMs: 3_600_000 });
    expect(readFileSync(join(home, 'schedules.json.damaged'), 'utf8')).toBe('[{"name":');
    expect(broker.scheduler.has(scheduleName(filed.body.id))).toBe(true);
    // No sweeper runs: only the rebuilt schedule can end it.
    expect((await statusOf(broker, filed.body.id, 'REVOKED')).revocation).toMatchObject({
      reason: 'expired',
      by: 'expiry-schedule',
    });
  }, 60_000);
});
