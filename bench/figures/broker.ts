import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import autocannon from 'autocannon';
import { DEFAULT_CONFIG, type LocalBroker, startLocalBroker } from '@access-broker/local';
import type { FaultPlan } from '@access-broker/local-aws';
import { CapacityMeter, meterCall } from '../capacity/capacity-meter';
import { cpuFigure, settled, startCpuCount } from './cpu';
import { type Figure, percentile, round, timed } from './measure';

const AUDIT = (duration: string, key: string) => ({
  principal: 'arn:aws:iam::111122223333:role/ThirdPartyAuditor',
  profile: 's3-audit-read',
  parameters: { bucket: 'awsproduction345' },
  duration,
  justification: 'benchmark',
  requester: { id: 'bench' },
  ticket: { system: 'bench', key },
});

export interface BrokerBench {
  broker: LocalBroker;
  /** DynamoDB request units the functions consumed, as on-demand would bill them. */
  dynamodbMeter: CapacityMeter;
  api(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ id: string } & Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startBench(
  sweepIntervalMs: number,
  options: { iamFaults?: FaultPlan } = {},
): Promise<BrokerBench> {
  const home = await mkdtemp(join(tmpdir(), 'broker-bench-'));
  const raw = JSON.parse(await readFile(DEFAULT_CONFIG, 'utf8'));
  raw.limits = { ...raw.limits, minDuration: 'PT1S', iamPropagationDelay: 'PT1S' };
  const dynamodbMeter = new CapacityMeter();
  const broker = await startLocalBroker({
    observeDynamoDb: (call) => meterCall(dynamodbMeter, call),
    home,
    rawConfig: raw,
    port: 0,
    sweepIntervalMs,
    reconcileIntervalMs: 3_600_000,
    print: () => undefined,
    ...(options.iamFaults ? { iamFaults: options.iamFaults } : {}),
  });
  return {
    broker,
    dynamodbMeter,
    async api(method, path, token, body) {
      const response = await fetch(`${broker.description.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return (await response.json()) as { id: string } & Record<string, unknown>;
    },
    async close() {
      await broker.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const iamCalls = (broker: LocalBroker) =>
  [...broker.aws.faults.calls.entries()]
    .filter(([action]) => action !== 'ListRoles')
    .reduce((sum, [, count]) => sum + count, 0);

export async function activeGrants(
  bench: BrokerBench,
  count: number,
  duration: string,
  onApproved?: (id: string, ms: number) => void,
) {
  const { tokens } = bench.broker.description;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await bench.api('POST', '/v1/requests', tokens.requester, AUDIT(duration, `B-${i}`));
    await waitUntil('the approval wait', async () => Boolean((await bench.broker.store.get(id))?.taskToken));
    const started = performance.now();
    await bench.api('POST', `/v1/requests/${id}/decision`, tokens.approver, { decision: 'approve' });
    await waitUntil('ACTIVE', async () => (await bench.broker.store.get(id))?.status === 'ACTIVE');
    onApproved?.(id, performance.now() - started);
    ids.push(id);
  }
  return ids;
}

/** IAM calls per grant and per teardown, from the local IAM's counters; approve → ACTIVE; transitions. */
export async function grantFigures(grants: number): Promise<Figure[]> {
  const bench = await startBench(3_600_000);
  try {
    const { broker } = bench;
    broker.aws.faults.resetCounters();
    broker.lambda.invocations.clear();
    const approveMs: number[] = [];
    const ids = await activeGrants(bench, grants, 'PT1H', (_id, ms) => approveMs.push(ms));
    const perGrant = iamCalls(broker) / grants;
    await broker.eventsDelivered();
    // Every invocation but the benchmark's own status polling (GET) is work AWS would bill per grant.
    const invocations = [...broker.lambda.invocations.entries()]
      .filter(([name]) => !name.endsWith('get-request') && !name.endsWith('-sweep'))
      .reduce((sum, [, count]) => sum + count, 0);
    broker.aws.faults.resetCounters();
    for (const id of ids)
      await bench.api('POST', `/v1/requests/${id}/revoke`, broker.description.tokens.approver, {
        reason: 'bench',
      });
    const perTeardown = iamCalls(broker) / grants;
    await broker.stepFunctions.settled();
    const transitions = ids.map((id) => broker.stepFunctions.transitions.get(id) ?? Number.NaN);
    return [
      {
        figure: `IAM calls per grant / per teardown (${grants} grants, s3-audit-read)`,
        measured: `${round(perGrant, 2)} / ${round(perTeardown, 2)}`,
        target: '= 3 / 3 (the minimum: admission, CreateRole, PutRolePolicy)',
        ok: perGrant === 3 && perTeardown === 3,
        values: { perGrant, perTeardown },
      },
      {
        figure: `Approve → ACTIVE through the local runtime (${grants} grants)`,
        measured: `p50 ${round(percentile(approveMs, 50))} ms, p99 ${round(percentile(approveMs, 99))} ms`,
        target: 'report',
        values: { p50Ms: round(percentile(approveMs, 50)), p99Ms: round(percentile(approveMs, 99)) },
      },
      {
        figure: `Lambda invocations per approved grant, create to ACTIVE (${grants} grants)`,
        measured: `${round(invocations / grants, 2)}`,
        target: 'report',
        values: { perGrant: round(invocations / grants, 2) },
      },
      {
        figure: 'State transitions per approved grant (local execution history)',
        measured: `max ${Math.max(...transitions)}`,
        target: '≤ 5',
        ok: Math.max(...transitions) <= 5,
        values: { max: Math.max(...transitions), min: Math.min(...transitions) },
      },
    ];
  } finally {
    await bench.close();
  }
}

/** PutItem latencies, straight to the local DynamoDB as the operator: the floor a create cannot beat. */
/**
 * The calls a create cannot avoid, timed one after the other as a create makes them: one TransactWriteItems
 * (the record and its first audit entry, each only if new) and one StartExecution of the approval workflow.
 * Their executions name no request: they fail at their first step, and are let finish before the load.
 */
async function unavoidableCalls(broker: LocalBroker, count: number) {
  const { dynamodbEndpoint, awsEndpoint, region, operator } = broker.description;
  const dynamo = new DynamoDBClient({ region, endpoint: dynamodbEndpoint, credentials: operator });
  const sfn = new SFNClient({ region, endpoint: awsEndpoint, credentials: operator });
  const floorMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const record = JSON.stringify(AUDIT('PT1H', `F-${i}`));
    const put = (sk: string) => ({
      Put: {
        TableName: broker.resources.tableName,
        Item: { pk: { S: `BENCH#${i}` }, sk: { S: sk }, record: { S: record } },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    const write = new TransactWriteItemsCommand({ TransactItems: [put('META'), put('AUDIT#1')] });
    const start = new StartExecutionCommand({
      stateMachineArn: broker.resources.stateMachineArn,
      name: `bench-floor-${i}`,
      input: JSON.stringify({ requestId: `bench-floor-${i}` }),
    });
    floorMs.push((await timed(async () => (await dynamo.send(write), await sfn.send(start))))[1]);
  }
  dynamo.destroy();
  sfn.destroy();
  return floorMs;
}

type Load = autocannon.Result;

function createFigures(
  seconds: number,
  { single, paced, result }: Record<'single' | 'paced' | 'result', Load>,
  p50Floor: number,
): Figure[] {
  const ratio = single.latency.p50 / p50Floor;
  const errors = single.non2xx + single.errors + paced.non2xx + paced.errors + result.non2xx + result.errors;
  return [
    {
      figure: `POST /v1/requests latency, one connection (${seconds} s) vs the calls a create cannot avoid (TransactWriteItems + StartExecution, same run); at a fixed 10 req/s`,
      measured: `p50 ${single.latency.p50} ms, p99 ${single.latency.p99} ms; floor p50 ${round(p50Floor, 2)} ms → ratio ${round(ratio, 2)}; at 10 req/s p50 ${paced.latency.p50} ms, p99 ${paced.latency.p99} ms`,
      target: 'p50 ≤ 1.5 × the floor',
      ok: ratio <= 1.5 && errors === 0,
      values: {
        p50Ms: single.latency.p50,
        p99Ms: single.latency.p99,
        floorP50Ms: round(p50Floor, 2),
        ratio: round(ratio, 2),
        pacedP50Ms: paced.latency.p50,
        pacedP99Ms: paced.latency.p99,
        errors,
      },
    },
    {
      figure: 'POST /v1/requests throughput (10 connections, 2 cores)',
      measured: `${round(result.requests.average)} req/s (${result.requests.total} requests, ${errors} errors)`,
      target: '≥ 300 req/s',
      ok: result.requests.average >= 300 && errors === 0,
      values: { requestsPerSecond: round(result.requests.average), total: result.requests.total, errors },
    },
  ];
}

/** POST /v1/requests under load (autocannon), next to the calls a create cannot avoid, in the same run. */
export async function createLatency(seconds: number, floorCalls: number): Promise<Figure[]> {
  const bench = await startBench(3_600_000);
  try {
    const { apiUrl, tokens } = bench.broker.description;
    const floorMs = await unavoidableCalls(bench.broker, floorCalls);
    await settled(bench.broker);
    const load = (options: { connections: number; overallRate?: number; duration?: number }) =>
      autocannon({
        url: `${apiUrl}/v1/requests`,
        method: 'POST',
        duration: seconds,
        headers: { authorization: `Bearer ${tokens.requester}`, 'content-type': 'application/json' },
        body: JSON.stringify(AUDIT('PT1H', 'LOAD')),
        ...options,
      });
    // Steady state, not a cold JIT: a first load at 10 connections warms every thread up and is discarded
    // (without it, two seconds of load measured about 40% less throughput than ten after a warm-up).
    await load({ connections: 10, duration: Math.max(seconds, 6) });
    // Latency without queueing: one connection, then a fixed rate well under capacity; throughput at 10.
    const single = await load({ connections: 1 });
    const paced = await load({ connections: 4, overallRate: 10 });
    await settled(bench.broker);
    const cpu = startCpuCount(bench.broker);
    const result = await load({ connections: 10 });
    // Each request's whole work (its workflow step and outbox batch too) is counted, not only its response.
    await settled(bench.broker);
    const spent = cpu.stop(result.requests.total);
    return [...createFigures(seconds, { single, paced, result }, percentile(floorMs, 50)), cpuFigure(spent)];
  } finally {
    await bench.close();
  }
}

/** Grants with staggered expiries: expiresAt → role gone (revocation completed), with the default sweep. */
export async function expiryLag(grants: number, sweepIntervalMs: number): Promise<Figure> {
  const bench = await startBench(sweepIntervalMs);
  try {
    const ids = await activeGrants(bench, grants, 'PT2S');
    await waitUntil('every expiry', async () =>
      (await Promise.all(ids.map((id) => bench.broker.store.get(id)))).every(
        (record) => record?.status === 'REVOKED',
      ),
    );
    const records = await Promise.all(ids.map((id) => bench.broker.store.get(id)));
    const lags = records.map(
      (record) => Date.parse(record!.revocation!.completedAt!) - Date.parse(record!.expiresAt!),
    );
    const p99 = percentile(lags, 99);
    return {
      figure: `Expiry lag, expiresAt → role gone (${grants} grants, staggered)`,
      measured: `p50 ${round(percentile(lags, 50))} ms, p99 ${round(p99)} ms`,
      target: `report; ≤ the sweep interval (${sweepIntervalMs} ms)`,
      ok: p99 <= sweepIntervalMs,
      values: { p50Ms: round(percentile(lags, 50)), p99Ms: round(p99), sweepIntervalMs },
    };
  } finally {
    await bench.close();
  }
}

/** IAM calls per grant (create and teardown) when 20% of every IAM call is throttled: what retries cost. */
export async function throttledIamCalls(grants: number): Promise<Figure> {
  const bench = await startBench(3_600_000, { iamFaults: { seed: 7, rules: { '*': { throttle: 0.2 } } } });
  try {
    const { broker } = bench;
    broker.aws.faults.resetCounters();
    const ids = await activeGrants(bench, grants, 'PT1H');
    for (const id of ids)
      await bench.api('POST', `/v1/requests/${id}/revoke`, broker.description.tokens.approver, {
        reason: 'bench',
      });
    await waitUntil('every revoke', async () =>
      (await Promise.all(ids.map((id) => broker.store.get(id)))).every(
        (record) => record?.status === 'REVOKED',
      ),
    );
    const perGrant = iamCalls(broker) / grants;
    const throttled = (broker.aws.faults.injected.get('throttle') ?? 0) / grants;
    return {
      figure: `IAM calls per grant, create + teardown, with 20% of IAM calls throttled (${grants} grants)`,
      measured: `${round(perGrant, 2)} (${round(throttled, 2)} throttled); no fault: 6`,
      target: 'report; ≈ 6 / 0.8 = 7.5 (a throttled call is retried)',
      values: { perGrant: round(perGrant, 2), throttledPerGrant: round(throttled, 2) },
    };
  } finally {
    await bench.close();
  }
}
