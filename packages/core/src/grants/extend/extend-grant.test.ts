import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, NotAllowedError, ValidationError } from '../../errors';
import { testBroker } from '../../testing';
import { awaitDecision } from '../../approval/await-decision';
import { expireApproval } from '../../approval/expire-approval';
import { evaluateRequest } from '../../approval/evaluate-request';
import { requestExtension } from './extend-grant';
import { provisionGrant } from '../provision/provision-grant';
import { recordDecision } from '../../approval/record-decision';
import { activeGrant } from '../../testing/use-case-fixtures';

const HOUR = 3_600_000;

async function pendingExtension(duration = 'PT1H') {
  const broker = testBroker();
  const grant = await activeGrant(broker, { duration: 'PT2H' });
  const pending = await requestExtension(broker, {
    id: grant.id,
    body: { duration, justification: 'fieldwork ran long' },
    actor: 'jira',
  });
  return { broker, grant, pending };
}

describe('extending a grant', () => {
  it('moves the trust and permission conditions, the schedule and the index entry once approved', async () => {
    // Prepare
    const { broker, grant, pending } = await pendingExtension();
    expect(pending.extension).toMatchObject({ durationSeconds: 3600, approved: false });
    expect(broker.workflow.started.at(-1)).toMatchObject({
      requestId: grant.id,
      executionName: `${grant.id}-extend-${pending.version}`,
    });
    expect((await evaluateRequest(broker, grant.id)).route).toBe('manual');
    await awaitDecision(broker, { id: grant.id, taskToken: 'ext-token' });
    // Act
    await recordDecision(broker, {
      id: grant.id,
      approver: { id: 'alice', channel: 'api' },
      decision: 'approve',
    });
    const extended = await provisionGrant(broker, grant.id);
    // Assess
    const newExpiry = new Date(Date.parse(grant.expiresAt!) + HOUR).toISOString();

    expect(broker.workflow.resumed.at(-1)).toEqual({
      taskToken: 'ext-token',
      output: { decision: 'approved' },
    });
    expect(extended).toMatchObject({ status: 'ACTIVE', expiresAt: newExpiry, dueAt: newExpiry });
    expect(extended.extension).toBeUndefined();
    const role = broker.provisioner.roles.get(grant.roleName!)!;
    expect(JSON.stringify(role.trustPolicy)).toContain(newExpiry);
    expect(JSON.stringify(role.inlinePolicy)).toContain(newExpiry);
    expect(broker.scheduler.schedules.get(grant.id)?.toISOString()).toBe(newExpiry);
    expect((await broker.store.auditTrail(grant.id)).at(-1)).toMatchObject({
      action: 'EXTENDED',
      detail: { previousExpiresAt: grant.expiresAt },
    });
  });

  it('leaves the original expiry untouched when denied or not decided in time', async () => {
    const denied = await pendingExtension();
    await recordDecision(denied.broker, {
      id: denied.grant.id,
      approver: { id: 'bob', channel: 'api' },
      decision: 'deny',
    });
    expect(await provisionGrant(denied.broker, denied.grant.id)).toMatchObject({
      status: 'ACTIVE',
      expiresAt: denied.grant.expiresAt,
    });
    expect((await denied.broker.store.get(denied.grant.id))?.extension).toBeUndefined();

    const expired = await pendingExtension();
    expect((await expireApproval(expired.broker, expired.grant.id)).expiresAt).toBe(expired.grant.expiresAt);
    expect(expired.broker.provisioner.calls.filter((call) => call.startsWith('update'))).toEqual([]);
  });

  it('does not let the client that asked for the extension approve it', async () => {
    const { broker, grant } = await (async () => {
      const b = testBroker();
      const g = await activeGrant(b, { duration: 'PT2H' });
      await requestExtension(b, {
        id: g.id,
        body: { duration: 'PT1H', justification: 'more' },
        actor: 'carol',
      });
      return { broker: b, grant: g };
    })();
    await expect(
      recordDecision(broker, {
        id: grant.id,
        approver: { id: 'carol', channel: 'api' },
        decision: 'approve',
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });

  it.each([
    ['beyond the profile maximum', { duration: 'P3D', justification: 'x' }, ValidationError],
    ['below the minimum', { duration: 'PT1M', justification: 'x' }, ValidationError],
    ['without a justification', { duration: 'PT1H' }, ValidationError],
  ])('refuses an extension %s', async (_case, body, type) => {
    const broker = testBroker();
    const grant = await activeGrant(broker, { duration: 'PT2H' });
    await expect(requestExtension(broker, { id: grant.id, body, actor: 'jira' })).rejects.toBeInstanceOf(
      type,
    );
  });

  it('refuses a second extension while one is pending, and any extension of a grant that is not active', async () => {
    const { broker, grant } = await pendingExtension();
    await expect(
      requestExtension(broker, {
        id: grant.id,
        body: { duration: 'PT1H', justification: 'again' },
        actor: 'jira',
      }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    broker.clock.advance(3 * HOUR);
    expect(await provisionGrant(broker, grant.id)).toMatchObject({ expiresAt: grant.expiresAt });
  });
});

describe('auto-approval of extensions', () => {
  it('covers at most the profile autoApproveUpTo of the whole grant: extensions do not chain past it', async () => {
    // security-audit auto-approves up to PT1H.
    const broker = testBroker();
    const grant = await activeGrant(broker, {
      profile: 'security-audit',
      parameters: undefined,
      duration: 'PT30M',
    });
    const ask = async (duration: string) => {
      await requestExtension(broker, {
        id: grant.id,
        body: { duration, justification: 'more' },
        actor: 'jira',
      });
      return (await evaluateRequest(broker, grant.id)).route;
    };
    expect(await ask('PT15M')).toBe('auto'); // 45 minutes in all
    await provisionGrant(broker, grant.id);
    expect(await ask('PT15M')).toBe('auto'); // exactly an hour
    await provisionGrant(broker, grant.id);
    expect(await ask('PT15M')).toBe('manual'); // 75 minutes: a person must decide
  });
});
