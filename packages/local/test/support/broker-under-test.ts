import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signSlackBody } from '@access-broker/functions';
import {
  DEFAULT_CONFIG,
  type FaultPlan,
  type LocalBroker,
  type LocalBrokerOptions,
  startLocalBroker,
} from '@access-broker/local';

export interface BrokerUnderTest extends LocalBroker {
  home: string;
  api(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  slackClick(
    id: string,
    action: 'approve' | 'deny',
    options?: { user?: string; timestamp?: number; forge?: boolean },
  ): Promise<number>;
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
    home?: string;
    sdkMaxAttempts?: number;
    sweepIntervalMs?: number;
    reconcileIntervalMs?: number;
    deployment?: LocalBrokerOptions['deployment'];
  } = {},
): Promise<BrokerUnderTest> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'broker-e2e-')));
  const raw = JSON.parse(await readFile(DEFAULT_CONFIG, 'utf8'));
  raw.limits = { ...raw.limits, minDuration: 'PT1S', iamPropagationDelay: 'PT1S', ...options.limits };
  const broker = await startLocalBroker({
    home,
    rawConfig: raw,
    port: 0,
    sweepIntervalMs: options.sweepIntervalMs ?? 500,
    reconcileIntervalMs: options.reconcileIntervalMs ?? 3_600_000,
    retryIntervalMs: 20,
    print: () => undefined,
    ...(options.iamFaults ? { iamFaults: options.iamFaults } : {}),
    ...(options.sdkMaxAttempts ? { sdkMaxAttempts: options.sdkMaxAttempts } : {}),
    ...(options.deployment ? { deployment: options.deployment } : {}),
  });
  const { apiUrl, slack } = broker.description;
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
    async slackClick(
      id,
      action,
      { user = slack.approverUserId, timestamp = Math.floor(Date.now() / 1000), forge = false } = {},
    ) {
      const body = new URLSearchParams({
        payload: JSON.stringify({
          type: 'block_actions',
          user: { id: user },
          actions: [{ action_id: action, value: id }],
        }),
      }).toString();
      const signed = signSlackBody(forge ? 'not-the-signing-secret' : slack.signingSecret, body, timestamp);
      const response = await fetch(`${apiUrl}/slack/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signed },
        body,
      });
      return response.status;
    },
    iamCalls: () => [...broker.iam.faults.calls.values()].reduce((sum, count) => sum + count, 0),
    async waitFor(what, probe, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async outbox() {
      const text = await readFile(join(home, 'outbox.jsonl'), 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    },
    async close() {
      await broker.stop();
      if (!options.home) await rm(home, { recursive: true, force: true });
    },
  };
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
