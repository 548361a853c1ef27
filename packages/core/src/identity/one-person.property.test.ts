import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Approver } from '../approval/approver-check';
import { NotAllowedError } from '../errors';
import { auditRequestBody, testBroker, testConfig } from '../testing';
import { createRequest } from '../requests/create-request';
import { recordDecision } from '../approval/record-decision';

const OIDC = {
  issuer: 'https://idp.example.com',
  audience: 'access-broker',
  cliClientId: 'broker-cli',
  groupScopes: { approvers: ['requests:read', 'requests:approve'] },
};

/** Three approvers the config knows by every kind of identity, and erin, whom only the identity provider knows. */
const PEOPLE = {
  alice: { email: 'alice@corp.example', client: 'alice', slack: 'UALICE', subject: '00u-alice' },
  bob: { email: 'Bob.Builder@Corp.example', client: 'bob', slack: 'UBOB', subject: '00u-bob' },
  carol: { email: 'carol@corp.example', client: 'carol', slack: 'UCAROL', subject: '00u-carol' },
} as const;
type Name = keyof typeof PEOPLE;
const ERIN = { subject: 'erin-sub', email: 'erin@corp.example' };

function broker() {
  const base = testConfig();
  const people = Object.fromEntries(
    Object.entries(PEOPLE).map(([name, p]) => [
      name,
      {
        displayName: name,
        emails: [p.email],
        apiClients: [p.client],
        slackUserIds: [p.slack],
        oidcSubjects: [p.subject],
      },
    ]),
  );
  const config = testConfig({
    oidc: OIDC,
    people: { ...people, dave: base.people.dave },
    approverGroups: { security: { people: ['alice', 'bob', 'carol'], idpGroups: ['approvers'] } },
  });
  config.profiles['s3-audit-read']!.approval.approvalsRequired = 2;
  return testBroker(config);
}

/** Every way each of them can decide: API client, Slack click, signed in by subject, signed in by email. */
function approversOf(name: Name | 'erin'): Approver[] {
  if (name === 'erin')
    return [{ id: `oidc:${ERIN.subject}`, channel: 'api', idpGroups: ['approvers'], email: ERIN.email }];
  const p = PEOPLE[name];
  return [
    { id: p.client, channel: 'api' },
    { id: p.slack, channel: 'slack' },
    { id: `oidc:${p.subject}`, channel: 'api', idpGroups: ['approvers'] },
    { id: 'oidc:another-subject', channel: 'api', idpGroups: ['approvers'], email: p.email.toUpperCase() },
  ];
}

/** Every identity a ticketing system might send for them. */
function identitiesOf(name: Name | 'erin'): string[] {
  if (name === 'erin') return [ERIN.email, `oidc:${ERIN.subject}`, ERIN.subject];
  const p = PEOPLE[name];
  return [name, p.email, p.client, p.slack, p.subject, `oidc:${p.subject}`];
}

const fullWidth = (char: string) =>
  /[!-~]/.test(char) ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char;

/** Another spelling of one identity: its case, padding, width, a mailto:, a trailing dot, a +tag. */
const spelling = (value: string) =>
  fc
    .record({
      cases: fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }),
      wide: fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }),
      pad: fc.constantFrom('', ' ', '\t', '  ', '\u200b', '\u200e', '\u00a0'),
      mailto: fc.boolean(),
      dot: fc.boolean(),
      tag: fc.option(fc.stringMatching(/^[a-z0-9]{1,6}$/), { nil: undefined }),
    })
    .map(({ cases, wide, pad, mailto, dot, tag }) => {
      let spelled = [...value]
        .map((char, i) => (cases[i] ? char.toUpperCase() : char.toLowerCase()))
        .map((char, i) => (wide[i] && char !== '@' ? fullWidth(char) : char))
        .join('');
      if (value.includes('@')) {
        if (tag) spelled = spelled.replace(/@/, `+${tag}@`);
        if (dot) spelled += '.';
        if (mailto) spelled = `mailto:${spelled}`;
      }
      return `${pad}${spelled}${pad}`;
    });

const anyone = fc.constantFrom<Name | 'erin'>('alice', 'bob', 'carol', 'erin');
const someSpelling = anyone.chain((name) =>
  fc.constantFrom(...identitiesOf(name)).chain((id) => spelling(id).map((spelled) => ({ name, spelled }))),
);

describe('one person, however their identities are spelled', () => {
  it('never approves a request filed in any spelling of any of their identities', async () => {
    await fc.assert(
      fc.asyncProperty(someSpelling, fc.integer({ min: 0, max: 3 }), async ({ name, spelled }, which) => {
        const b = broker();
        const { record } = await createRequest(b, {
          body: auditRequestBody({ requester: { id: spelled } }),
          actor: 'jira',
        });
        const approvers = approversOf(name);
        const approver = approvers[which % approvers.length]!;
        const error = await recordDecision(b, { id: record.id, approver, decision: 'approve' }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(NotAllowedError);
        expect((error as Error).message).toMatch(/own requests/);
        expect((await b.store.get(record.id))?.version).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('never counts twice, whichever two of their identities they approve through', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyone,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        async (name, first, second) => {
          const b = broker();
          const { record } = await createRequest(b, { body: auditRequestBody(), actor: 'jira' });
          const approvers = approversOf(name);
          await recordDecision(b, {
            id: record.id,
            approver: approvers[first % approvers.length]!,
            decision: 'approve',
          });
          await expect(
            recordDecision(b, {
              id: record.id,
              approver: approvers[second % approvers.length]!,
              decision: 'approve',
            }),
          ).rejects.toThrow(/already approved/);
          expect((await b.store.get(record.id))?.status).toBe('PENDING_APPROVAL');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('still lets two different people make up N-of-M', async () => {
    const b = broker();
    const { record } = await createRequest(b, {
      body: auditRequestBody({ requester: { id: 'ERIN@corp.example' } }),
      actor: 'jira',
    });
    await recordDecision(b, { id: record.id, approver: approversOf('alice')[1]!, decision: 'approve' });
    const decided = await recordDecision(b, {
      id: record.id,
      approver: approversOf('bob')[3]!,
      decision: 'approve',
    });
    expect(decided.status).toBe('APPROVED');
    expect(decided.approvals.map((approval) => approval.person)).toEqual(['alice', 'bob']);
  });

  it('records the person a ticketing system named, in whatever form it named them', async () => {
    const b = broker();
    const { record } = await createRequest(b, {
      body: auditRequestBody({ requester: { id: ' BOB.BUILDER@corp.example ' } }),
      actor: 'jira',
    });
    expect(record.requester).toEqual({ id: 'BOB.BUILDER@corp.example', person: 'bob' });
    await expect(
      createRequest(b, {
        body: auditRequestBody({ requester: { id: 'bob@corp.example', slackUserId: 'UALICE' } }),
        actor: 'jira',
      }),
    ).resolves.toMatchObject({ record: { requester: { id: 'bob@corp.example', slackUserId: 'UALICE' } } });
    await expect(
      createRequest(b, {
        body: auditRequestBody({ requester: { id: 'bob.builder@corp.example', slackUserId: 'UALICE' } }),
        actor: 'jira',
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'requester.slackUserId' }] });
  });
});
