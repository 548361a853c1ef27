import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signSlackBody } from '@access-broker/functions';
import { afterAll, beforeAll } from 'vitest';
import {
  DEFAULT_CONFIG,
  type LocalBroker,
  type LocalFaults,
  type LocalBrokerOptions,
  startLocalBroker,
} from '@access-broker/local';
import type { FaultPlan } from '@access-broker/local-aws';

export interface BrokerUnderTest extends LocalBroker {
  home: string;
  api(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** What Slack sends for a click on the latest message about `id` (or on a button value given). */
  slackClick(
    id: string,
    action: 'approve' | 'deny',
    options?: { user?: string; timestamp?: number; forge?: boolean; value?: string; times?: number },
  ): Promise<number>;
  /** The value the latest approval message's buttons carry for `id`. */
  buttonValue(id: string): Promise<string>;
  iamCalls(): number;
  waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  outbox(): Promise<Record<string, any>[]>;
  close(): Promise<void>;
}

export const AUDITOR = 'arn:aws:iam::111122223333:role/ThirdPartyAuditor';

/** The consulting-firm audit request, as a ticketing system would send it. */
export function auditRequest(overrides: Record<string, unknown> = {}) {
  return {
    principal: AUDITOR,
    profile: 's3-audit-read',
    parameters: { bucket: 'awsproduction345' },
    duration: 'PT3S',
    justification: 'Annual SOC 2 evidence collection by Example Consulting',
    requester: { id: 'dave', slackUserId: 'U0LOCALREQUESTER' },
    ticket: { system: 'jira', key: 'SEC-123' },
    ...overrides,
  };
}

/** A fresh local broker in a temporary home, on a free port, driven only through HTTP and the SDK. */
export async function startBrokerUnderTest(
  options: {
    limits?: Record<string, string>;
    iamFaults?: FaultPlan;
    faults?: LocalFaults;
    home?: string;
    sdkMaxAttempts?: number;
    sweepIntervalMs?: number;
    reconcileIntervalMs?: number;
    deployment?: LocalBrokerOptions['deployment'];
    /** Spoke accounts (config `targetAccounts`): the local IAM seeds each one's provisioner role. */
    targetAccounts?: Record<string, { provisionerRoleArn: string; externalId: string }>;
    /** Turns the access-key fallback on (config `accessKeyVendors`), with this approval rule. */
    accessKeyVendors?: { approval: Record<string, unknown> };
  } = {},
): Promise<BrokerUnderTest> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'broker-e2e-')));
  const raw = JSON.parse(await readFile(DEFAULT_CONFIG, 'utf8'));
  raw.limits = { ...raw.limits, minDuration: 'PT1S', iamPropagationDelay: 'PT1S', ...options.limits };
  if (options.targetAccounts) raw.targetAccounts = options.targetAccounts;
  if (options.accessKeyVendors) raw.accessKeyVendors = options.accessKeyVendors;
  const broker = await startLocalBroker({
    home,
    rawConfig: raw,
    port: 0,
    sweepIntervalMs: options.sweepIntervalMs ?? 500,
    reconcileIntervalMs: options.reconcileIntervalMs ?? 3_600_000,
    retryIntervalMs: 20,
    print: () => undefined,
    ...(options.iamFaults ? { iamFaults: options.iamFaults } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.sdkMaxAttempts ? { sdkMaxAttempts: options.sdkMaxAttempts } : {}),
    ...(options.deployment ? { deployment: options.deployment } : {}),
  });
  const { apiUrl, slack } = broker.description;
  /** The value the latest approval message's buttons carry for `id`: Slack sends back exactly that. */
  const latestButtonValue = async (id: string) => {
    const message = (await readOutbox(home))
      .filter((m) => JSON.stringify(m.blocks ?? []).includes(`"value":"${id}:`))
      .at(-1);
    const value = message?.blocks
      ?.flatMap((block: { elements?: { value?: string }[] }) => block.elements ?? [])
      .find((element: { value?: string }) => element.value?.startsWith(`${id}:`))?.value;
    return value as string | undefined;
  };
  const buttonValue = (id: string) =>
    waitFor(`an approval message with buttons for ${id}`, () => latestButtonValue(id), 5_000);

  return {
    ...broker,
    home,
    async api(method, path, { token, body, headers } = {}) {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        headers: response.headers,
      };
    },
    buttonValue,
    async slackClick(
      id,
      action,
      {
        user = slack.approverUserId,
        timestamp = Math.floor(Date.now() / 1000),
        forge = false,
        value,
        times = 1,
      } = {},
    ) {
      const body = new URLSearchParams({
        payload: JSON.stringify({
          type: 'block_actions',
          user: { id: user },
          actions: [{ action_id: action, value: value ?? (await buttonValue(id)) }],
        }),
      }).toString();
      const signed = signSlackBody(forge ? 'not-the-signing-secret' : slack.signingSecret, body, timestamp);
      let status = 0;
      // `times` > 1 sends the very same signed request again: a replay.
      for (let i = 0; i < times; i++) {
        const response = await fetch(`${apiUrl}/slack/interactions`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...signed },
          body,
        });
        status = response.status;
      }
      return status;
    },
    iamCalls: () => [...broker.aws.faults.calls.values()].reduce((sum, count) => sum + count, 0),
    waitFor,
    outbox: () => readOutbox(home),
    async close() {
      await broker.stop();
      if (!options.home) await rm(home, { recursive: true, force: true });
    },
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readOutbox(home: string): Promise<Record<string, any>[]> {
  const text = await readFile(join(home, 'outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** One broker for a whole test file: started before its tests, closed after them. */
export function brokerForFile(
  options: Parameters<typeof startBrokerUnderTest>[0] = {},
): () => BrokerUnderTest {
  let broker: BrokerUnderTest | undefined;
  beforeAll(async () => {
    broker = await startBrokerUnderTest(options);
  }, 60_000);
  afterAll(() => broker?.close());
  return () => broker!;
}

/** Decides through the API as soon as the request (or its extension) waits for a decision. */
export function decideWhenWaiting(
  broker: BrokerUnderTest,
  id: string,
  token = broker.description.tokens.approver,
  decision: 'approve' | 'deny' = 'approve',
) {
  return broker.waitFor(`${id} to wait for a decision`, async () => {
    const decided = await broker.api('POST', `/v1/requests/${id}/decision`, { token, body: { decision } });
    return decided.status === 200 ? decided : undefined;
  });
}

/** Polls GET /v1/requests/{id} until the status is one of `statuses`. */
export function statusOf(broker: BrokerUnderTest, id: string, ...statuses: string[]) {
  return broker.waitFor(`${id} to become ${statuses.join('|')}`, async () => {
    const { body } = await broker.api('GET', `/v1/requests/${id}`, {
      token: broker.description.tokens.admin,
    });
    return statuses.includes(body.status) ? body : undefined;
  });
}
