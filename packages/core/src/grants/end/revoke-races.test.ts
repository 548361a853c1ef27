import { describe, expect, it } from 'vitest';
import { GrantConflictError } from '../../errors';
import type { GrantRecord } from '../../requests/request-record';
import { auditRequestBody, type TestBroker, testBroker } from '../../testing';
import type { BrokerContext } from '../../context/broker-context';
import { createRequest } from '../../requests/create-request';
import { expireGrant } from './end-grant';
import { requestExtension } from '../extend/extend-grant';
import { provisionGrant } from '../provision/provision-grant';
import { recordDecision } from '../../approval/record-decision';
import { revokeGrant } from './end-grant';
import { sweepDueGrants } from '../sweep/sweep-due-grants';
import { activeGrant, approvedRequest } from '../../testing/use-case-fixtures';

/**
 * A scheduler we control: every call a use case makes on a port is a step boundary. `pauseAt` stops the
 * use case just before its k-th call, so another use case can run to completion right there.
 */
class Boundaries {
  private calls = 0;
  private release!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));
  readonly reached: Promise<void>;
  private reach!: () => void;

  constructor(private readonly pauseAt: number) {
    this.reached = new Promise((resolve) => (this.reach = resolve));
  }

  async step() {
    if (this.calls++ === this.pauseAt) {
      this.reach();
      await this.released;
    }
  }

  resume() {
    this.release();
  }

  /** The same broker, with every port call of the use case run through `step`. */
  context(broker: TestBroker): BrokerContext {
    const gate = <T extends object>(port: T): T =>
      new Proxy(port, {
        get: (target, member, receiver) => {
          const value = Reflect.get(target, member, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            await this.step();
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    return {
      ...broker,
      store: gate(broker.store),
      provisioner: gate(broker.provisioner),
      scheduler: gate(broker.scheduler),
      workflow: gate(broker.workflow),
    };
  }
}

type Operation = (ctx: BrokerContext, id: string) => Promise<unknown>;
const HOUR = 3_600_000;

/** Step Functions retries a task that lost a conditional write; the API's caller would see the error. */
async function asTheWorkflowWould(run: () => Promise<unknown>) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof GrantConflictError)) return error;
    }
  }
}

const revoke: Operation = (ctx, id) => revokeGrant(ctx, { id, reason: 'revoked', by: 'api:alice' });

/** Each transition that can run while a grant is being revoked, from the state it starts in. */
const SCENARIOS: { name: string; prepare: (b: TestBroker) => Promise<GrantRecord>; other: Operation }[] = [
  {
    name: 'provisioning an approved request',
    prepare: (b) => approvedRequest(b),
    other: (ctx, id) => provisionGrant(ctx, id),
  },
  {
    name: 'approving a request',
    prepare: async (b) => (await createRequest(b, { body: auditRequestBody(), actor: 'jira' })).record,
    other: async (ctx, id) => {
      await recordDecision(ctx, { id, approver: { id: 'alice', channel: 'api' }, decision: 'approve' });
      return provisionGrant(ctx, id);
    },
  },
  {
    name: 'asking for an extension',
    prepare: (b) => activeGrant(b, { duration: 'PT2H' }),
    other: (ctx, id) =>
      requestExtension(ctx, { id, body: { duration: 'PT1H', justification: 'more' }, actor: 'jira' }),
  },
  {
    name: 'approving and applying an extension',
    prepare: async (b) => {
      const grant = await activeGrant(b, { duration: 'PT2H' });
      return requestExtension(b, {
        id: grant.id,
        body: { duration: 'PT1H', justification: 'more' },
        actor: 'jira',
      });
    },
    other: async (ctx, id) => {
      await recordDecision(ctx, { id, approver: { id: 'alice', channel: 'api' }, decision: 'approve' });
      return provisionGrant(ctx, id);
    },
  },
  {
    name: 'applying an approved extension',
    prepare: async (b) => {
      const grant = await activeGrant(b, { duration: 'PT2H' });
      await requestExtension(b, {
        id: grant.id,
        body: { duration: 'PT1H', justification: 'more' },
        actor: 'jira',
      });
      return recordDecision(b, {
        id: grant.id,
        approver: { id: 'alice', channel: 'api' },
        decision: 'approve',
      });
    },
    other: (ctx, id) => provisionGrant(ctx, id),
  },
  {
    name: 'expiring at the schedule',
    prepare: async (b) => {
      const grant = await activeGrant(b, { duration: 'PT2H' });
      b.clock.advance(2 * HOUR + 1000);
      return grant;
    },
    other: (ctx, id) => expireGrant(ctx, id),
  },
  {
    name: 'sweeping',
    prepare: async (b) => {
      const grant = await activeGrant(b, { duration: 'PT2H' });
      b.clock.advance(2 * HOUR + 1000);
      return grant;
    },
    other: (ctx) => sweepDueGrants(ctx, { limit: 10 }),
  },
];

/** Runs `first` paused at each of its step boundaries in turn, with `second` run to completion there. */
async function everyInterleaving(
  scenario: (typeof SCENARIOS)[number],
  order: 'revoke inside the other' | 'the other inside revoke',
) {
  const outcomes: {
    boundary: number;
    record: GrantRecord;
    revoked: GrantRecord | undefined;
    roles: number;
  }[] = [];
  for (let boundary = 0; ; boundary++) {
    const broker = testBroker();
    const { id } = await scenario.prepare(broker);
    const steps = new Boundaries(boundary);
    const [paused, inside] =
      order === 'revoke inside the other' ? [scenario.other, revoke] : [revoke, scenario.other];
    let finished = false;
    const first = asTheWorkflowWould(() => paused(steps.context(broker), id)).finally(
      () => (finished = true),
    );
    await Promise.race([steps.reached, first]);
    if (finished) break; // past the last boundary of the paused use case
    const result = await asTheWorkflowWould(() => inside(broker, id));
    steps.resume();
    const firstResult = await first;
    // The workflow runs its step again when it failed; the API's revoke answers once.
    await asTheWorkflowWould(() => scenario.other(broker, id));
    const revoked = (order === 'revoke inside the other' ? result : firstResult) as GrantRecord | undefined;
    outcomes.push({
      boundary,
      record: (await broker.store.get(id))!,
      revoked,
      roles: broker.provisioner.roles.size,
    });
  }
  return outcomes;
}

describe('revoke always wins', () => {
  for (const scenario of SCENARIOS)
    for (const order of ['revoke inside the other', 'the other inside revoke'] as const)
      it(`against ${scenario.name}, at every step boundary (${order})`, async () => {
        const outcomes = await everyInterleaving(scenario, order);
        expect(outcomes.length).toBeGreaterThan(1);
        for (const { boundary, record, revoked, roles } of outcomes) {
          const where = `${scenario.name}, boundary ${boundary}`;
          expect(['REVOKED', 'CANCELLED'], where).toContain(record.status);
          expect(roles, where).toBe(0);
          if (revoked && 'status' in revoked) expect(revoked.status, where).not.toBe('ACTIVE');
        }
      });
});
