import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoGrantStore } from '@access-broker/aws';
import { type GrantRecord, isTerminal } from '@access-broker/core';
import { DEFAULT_CONFIG } from '@access-broker/local';
import { afterAll, describe, expect, it } from 'vitest';
import { auditRequest } from './support/broker-under-test';

const ROOT = resolve(import.meta.dirname, '../..');
const KILLS = 3;
/** The soak's size: it asserts more than 20 acknowledged requests, and keeps loading until it has these. */
const MIN_REQUESTS = 30;
const WORKERS = 6;

let home: string;
let child: ChildProcess | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  if (home) await rm(home, { recursive: true, force: true });
});

/** `npm start` itself, on a home of its own: what a kill -9 of the local broker kills. */
async function startBroker(configFile: string): Promise<{ apiUrl: string; tokens: Record<string, string> }> {
  await rm(join(home, 'local.json'), { force: true });
  child = spawn(process.execPath, ['--import', 'tsx', 'packages/local/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      BROKER_HOME: home,
      BROKER_PORT: '0',
      BROKER_CONFIG: configFile,
      // IAM throttles a tenth of the calls and answers 500 to a few, before or after taking effect.
      BROKER_FAULTS: JSON.stringify({ seed: 7, iam: { '*': { throttle: 0.1, serverError: 0.03 } } }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const described = await readFile(join(home, 'local.json'), 'utf8').catch(() => undefined);
    if (described) {
      const { apiUrl, tokens } = JSON.parse(described);
      if ((await fetch(`${apiUrl}/healthz`).catch(() => undefined))?.ok) return { apiUrl, tokens };
    }
    if (Date.now() > deadline) throw new Error(`the broker did not start: ${stderr}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function call(apiUrl: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(5_000),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
}

describe('kill -9 under load', () => {
  it(`loses no acknowledged request, provisions or visibly fails every approved grant, and leaves no role, across ${KILLS} kills`, async () => {
    home = await mkdtemp(join(tmpdir(), 'broker-crash-'));
    const raw = JSON.parse(await readFile(DEFAULT_CONFIG, 'utf8'));
    raw.limits = {
      ...raw.limits,
      minDuration: 'PT1S',
      approvalTimeout: 'PT10S',
      iamPropagationDelay: 'PT1S',
      workflowStallAfter: 'PT3S',
      teardownStallAfter: 'PT5S',
      teardownRetryBackoff: 'PT1S',
    };
    const configFile = join(home, 'config.json');
    await writeFile(configFile, JSON.stringify(raw));

    const created = new Set<string>();
    const approved = new Set<string>();
    let broker = await startBroker(configFile);
    let running = true;
    let unacknowledged = 0;
    // Creates without Idempotency-Keys, each approved at once; short grants, so they also expire meanwhile.
    const load = Array.from({ length: WORKERS }, async (_, worker) => {
      for (let n = 0; running; n++) {
        const { apiUrl, tokens } = broker;
        try {
          const filed = await call(apiUrl, 'POST', '/v1/requests', tokens.requester!, {
            ...auditRequest({ duration: 'PT15S', ticket: { system: 'jira', key: `CRASH-${worker}-${n}` } }),
          });
          if (filed.status !== 202) continue;
          created.add(filed.body.id);
          const decided = await call(
            apiUrl,
            'POST',
            `/v1/requests/${filed.body.id}/decision`,
            tokens.approver!,
            {
              decision: 'approve',
            },
          );
          if (decided.status === 200) approved.add(filed.body.id);
        } catch {
          unacknowledged++; // The broker died mid-call: the client never learned the outcome.
          await new Promise((done) => setTimeout(done, 200));
        }
      }
    });
    for (let kill = 1; kill <= KILLS; kill++) {
      await new Promise((done) => setTimeout(done, 2_000 + Math.random() * 3_000));
      child!.kill('SIGKILL');
      await new Promise((done) => child!.once('exit', done));
      broker = await startBroker(configFile);
    }
    await new Promise((done) => setTimeout(done, 2_000));
    // On a busy machine (other test files share the two cores) the load runs on until the soak has its size.
    const enough = Date.now() + 20_000;
    while (created.size < MIN_REQUESTS && Date.now() < enough)
      await new Promise((done) => setTimeout(done, 500));
    running = false;
    await Promise.all(load);

    const { dynamodbEndpoint, operator, region } = JSON.parse(
      await readFile(join(home, 'local.json'), 'utf8'),
    );
    const dynamo = new DynamoDBClient({ region, endpoint: dynamodbEndpoint, credentials: operator });
    const store = new DynamoGrantStore(dynamo, { tableName: 'local-access-broker-grants' });
    const ids = [...created];
    // Every acknowledged request reaches an end: approvals time out in 10 s, grants last 15 s, and the
    // sweeper re-drives whatever a kill left behind.
    const deadline = Date.now() + 120_000;
    let records: (GrantRecord | undefined)[] = [];
    for (;;) {
      records = await Promise.all(ids.map((id) => store.get(id)));
      if (records.every((record) => record && isTerminal(record.status))) break;
      if (Date.now() > deadline) break;
      await new Promise((done) => setTimeout(done, 1_000));
    }
    const trails = await Promise.all(ids.filter((id) => approved.has(id)).map((id) => store.auditTrail(id)));
    expect((await call(broker.apiUrl, 'GET', '/healthz', broker.tokens.requester!)).status).toBe(200);
    const counts = {
      kills: KILLS,
      acknowledgedCreates: ids.length,
      acknowledgedApprovals: approved.size,
      unacknowledgedCalls: unacknowledged,
      byStatus: Object.fromEntries(
        [...new Set(records.map((record) => record?.status))].map((status) => [
          status,
          records.filter((record) => record?.status === status).length,
        ]),
      ),
      recovered: trails.filter((trail) => trail.some((entry) => entry.action === 'RECOVERED')).length,
      failures: Object.entries(
        records.reduce<Record<string, number>>((reasons, record) => {
          const reason = record?.failure?.reason.replace(/[0-9a-z]{26}/g, '<id>').slice(0, 90);
          if (reason) reasons[reason] = (reasons[reason] ?? 0) + 1;
          return reasons;
        }, {}),
      ),
    };
    console.log(`crash soak: ${JSON.stringify(counts)}`);
    dynamo.destroy();

    expect(ids.length).toBeGreaterThan(20);
    // Nothing acknowledged is lost, nothing stays open.
    expect(records.filter((record) => !record || !isTerminal(record.status))).toEqual([]);
    // Every approval the client saw ended in a grant that ran and ended, or a failure that says why.
    for (const [i, id] of ids.filter((candidate) => approved.has(candidate)).entries()) {
      const record = records[ids.indexOf(id)]!;
      if (record.status === 'FAILED') expect(record.failure?.reason, id).toBeTruthy();
      else {
        const story = trails[i]!.map(
          (entry) => `${entry.action}:${entry.actor}:${JSON.stringify(entry.detail ?? {})}`,
        ).join(' | ');
        if (!story.includes('GRANTED')) console.log('STORY', id, story);
        expect(record.status, id).toBe('REVOKED');
        expect(
          trails[i]!.map(
            (entry) => `${entry.action}:${entry.actor}:${JSON.stringify(entry.detail ?? {})}`,
          ).join(' | '),
          id,
        ).toContain('GRANTED:workflow');
      }
    }
    // And no role outlives its grant.
    child!.kill('SIGKILL');
    await new Promise((done) => child!.once('exit', done));
    child = undefined;
    // The local IAM's log, replayed as the next start would: the last line of each role wins.
    const roles = new Map<string, { path: string } | undefined>();
    for (const line of (await readFile(join(home, 'iam.jsonl'), 'utf8')).split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { role?: string; value?: { path: string } };
      if (entry.role) roles.set(entry.role, entry.value);
    }
    expect([...roles.values()].filter((role) => role?.path === '/access-broker/')).toEqual([]);
  }, 300_000);
});
