import { describe, expect, it } from 'vitest';
import { visibilityOf } from './visibility';
import { loadConfig } from '../config/load-config';
import { iamDataCatalog } from '../policy/iam-action-catalog';
import { auditRequestBody, testBroker, testConfig } from '../testing';
import { createRequest } from '../requests/create-request';
import { recordDecision } from './record-decision';

const OIDC = {
  issuer: 'https://idp.example.com',
  audience: 'access-broker',
  cliClientId: 'broker-cli',
  groupScopes: {
    approvers: ['requests:read', 'requests:approve'],
    staff: ['requests:create', 'requests:read'],
  },
};

/** alice is linked to her IdP subject in the config; erin exists only in the IdP, in its approvers group. */
function signedInBroker() {
  const base = testConfig();
  return testBroker(
    testConfig({
      oidc: OIDC,
      people: { ...base.people, alice: { ...base.people.alice, oidcSubjects: ['00u-alice'] } },
      approverGroups: { security: { people: ['alice', 'bob', 'carol'], idpGroups: ['approvers'] } },
    }),
  );
}

const approve = (id: string, actor: string, idpGroups: string[] = []) => ({
  id,
  approver: { id: actor, channel: 'api' as const, idpGroups },
  decision: 'approve' as const,
});

describe('people signed in through the identity provider', () => {
  it('lets a member of an IdP approver group approve without being in the config', async () => {
    const broker = signedInBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    const decided = await recordDecision(broker, approve(record.id, 'oidc:erin@example.com', ['approvers']));
    expect(decided.approvals[0]).toMatchObject({
      by: 'oidc:erin@example.com',
      person: 'oidc:erin@example.com',
    });
  });

  it('refuses a signed-in person outside the group, and changes nothing', async () => {
    const broker = signedInBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    await expect(
      recordDecision(broker, approve(record.id, 'oidc:mallory@example.com', ['staff'])),
    ).rejects.toThrow(/not in the security approver group/);
    expect((await broker.store.get(record.id))?.version).toBe(1);
  });

  it('a signed-in person files for themself only, and cannot then approve it', async () => {
    const broker = signedInBroker();
    await expect(
      createRequest(broker, {
        body: auditRequestBody({ requester: { id: 'someone-else' } }),
        actor: 'oidc:erin@example.com',
      }),
    ).rejects.toMatchObject({
      issues: [{ field: 'requester.id', reason: expect.stringMatching(/oidc:erin/) }],
    });
    const { record } = await createRequest(broker, {
      body: auditRequestBody({ requester: { id: 'oidc:erin@example.com' } }),
      actor: 'oidc:erin@example.com',
    });
    await expect(
      recordDecision(broker, approve(record.id, 'oidc:erin@example.com', ['approvers'])),
    ).rejects.toThrow(/own requests/);
  });

  it('links an IdP subject to its configured person: her Slack click and her token are one person', async () => {
    const broker = signedInBroker();
    const { record } = await createRequest(broker, {
      body: auditRequestBody({ requester: { id: 'alice' } }),
      actor: 'oidc:00u-alice',
    });
    await expect(
      recordDecision(broker, {
        id: record.id,
        approver: { id: 'UALICE', channel: 'slack' },
        decision: 'approve',
      }),
    ).rejects.toThrow(/own requests/);
    const { record: other } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    broker.config.profiles['s3-audit-read']!.approval.approvalsRequired = 2;
    await recordDecision(broker, approve(other.id, 'oidc:00u-alice'));
    await expect(
      recordDecision(broker, {
        id: other.id,
        approver: { id: 'UALICE', channel: 'slack' },
        decision: 'approve',
      }),
    ).rejects.toThrow(/alice \(Alice\) has already approved/);
  });

  it('shows a signed-in person what they filed and what their IdP group decides, nothing else', async () => {
    const broker = signedInBroker();
    const { record } = await createRequest(broker, {
      body: auditRequestBody({ requester: { id: 'oidc:frank' } }),
      actor: 'oidc:frank',
    });
    const frank = { actor: 'oidc:frank', scopes: ['requests:read'] as const, idpGroups: ['staff'] };
    const erin = {
      actor: 'oidc:erin',
      scopes: ['requests:read', 'requests:approve'] as const,
      idpGroups: ['approvers'],
    };
    const grace = { actor: 'oidc:grace', scopes: ['requests:read'] as const, idpGroups: ['staff'] };
    expect(visibilityOf(broker.config, frank, record)).toBe('full');
    expect(visibilityOf(broker.config, erin, record)).toBe('redacted');
    expect(visibilityOf(broker.config, grace, record)).toBe('none');
  });

  it('refuses IdP approver groups in a config without oidc', async () => {
    const raw = JSON.parse(JSON.stringify(testConfig()));
    raw.approverGroups.security.idpGroups = ['approvers'];
    await expect(loadConfig(raw, iamDataCatalog)).rejects.toMatchObject({
      issues: [{ field: 'approverGroups.security.idpGroups', reason: expect.stringMatching(/needs oidc/) }],
    });
  });
});
