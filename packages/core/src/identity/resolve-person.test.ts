import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config';
import { iamDataCatalog } from '../policy/iam-action-catalog';
import { testConfig } from '../testing';
import {
  displayNameOf,
  mayBeSamePerson,
  personOfActor,
  resolvePerson,
  samePerson,
  spellingOf,
} from './resolve-person';

const config = () => {
  const base = testConfig();
  return testConfig({
    people: {
      ...base.people,
      alice: { ...base.people.alice, emails: ['Alice@Corp.example'], oidcSubjects: ['00u-Alice'] },
    },
  });
};

describe('resolvePerson', () => {
  it.each([
    ['her person key', 'alice'],
    ['her key in capitals', 'ALICE'],
    ['her email in another case', 'alice@corp.EXAMPLE'],
    ['her email as a mailto: link', 'mailto:alice@corp.example'],
    ['her email with a trailing dot', 'alice@corp.example.'],
    ['her email in full-width letters', 'ａｌｉｃｅ@corp.example'],
    ['her Slack id', 'UALICE'],
    ['her Slack id in lower case', 'ualice'],
    ['her API client', 'alice'],
    ['her IdP subject with the oidc: prefix', 'oidc:00u-Alice'],
    ['her IdP subject padded with spaces', '  00u-alice '],
    ['her email with a zero-width space and a direction mark', 'ali\u200bce@corp.example\u200e'],
    ['her Slack id as a decision names it', 'slack:UALICE'],
    ['her client as a decision names it', 'api:alice'],
  ])('takes a requester named by %s for the configured person', (_case, id) => {
    expect(resolvePerson(config(), { kind: 'named', id })).toMatchObject({ key: 'alice', configured: true });
  });

  it('keeps a name nobody configured as a person of its own, spelled as sent', () => {
    expect(resolvePerson(config(), { kind: 'named', id: ' Erin@Corp.example ' })).toEqual({
      key: 'Erin@Corp.example',
      configured: false,
      spellings: new Set(['erin@corp.example']),
    });
  });

  it('links a signed-in token to the configured person by its exact subject, or by its verified email', () => {
    expect(resolvePerson(config(), { kind: 'oidc', claim: '00u-Alice' })).toMatchObject({ key: 'alice' });
    expect(
      resolvePerson(config(), { kind: 'oidc', claim: 'zz9', email: 'ALICE@corp.example' }),
    ).toMatchObject({ key: 'alice', configured: true });
    // Subjects are case-sensitive ids: another case is another subject, and makes no one the configured person.
    expect(resolvePerson(config(), { kind: 'oidc', claim: '00u-alice' })).toMatchObject({
      key: 'oidc:00u-alice',
      configured: false,
    });
  });

  it('never makes a token the configured person by a tagged email, though it may be them', () => {
    const tagged = resolvePerson(config(), { kind: 'oidc', claim: 'zz9', email: 'alice+x@corp.example' })!;
    const alice = resolvePerson(config(), { kind: 'api-client', id: 'alice' })!;
    expect(tagged).toMatchObject({ key: 'oidc:zz9', configured: false });
    expect(samePerson(tagged, alice)).toBe(false);
    expect(mayBeSamePerson(tagged, alice)).toBe(true);
  });

  it('finds nobody behind a machine, an unknown client or an unknown Slack user', () => {
    expect(personOfActor(config(), 'oidc-client:servicenow')).toBeUndefined();
    expect(resolvePerson(config(), { kind: 'api-client', id: 'jira' })).toBeUndefined();
    expect(resolvePerson(config(), { kind: 'slack', userId: 'UNOBODY' })).toBeUndefined();
    expect(resolvePerson(config(), { kind: 'named', id: '   ' })).toBeUndefined();
  });

  it('keeps Slack ids and API clients exact when they prove who is calling', () => {
    expect(resolvePerson(config(), { kind: 'slack', userId: 'ualice' })).toBeUndefined();
    expect(resolvePerson(config(), { kind: 'api-client', id: 'ALICE' })).toBeUndefined();
  });

  it('spells an identity one way, whatever its case, padding, prefix or width', () => {
    expect(
      new Set(
        ['Ada@Corp.Example.', ' mailto:ada@corp.example', 'ＡＤＡ@corp.example', 'oidc:ada@corp.example'].map(
          spellingOf,
        ),
      ),
    ).toEqual(new Set(['ada@corp.example']));
  });
});

describe('one identity, one person (config load)', () => {
  it('refuses an email that two people share in any spelling', async () => {
    const raw = JSON.parse(JSON.stringify(config()));
    raw.people.bob.emails = ['ALICE@corp.example'];
    await expect(loadConfig(raw, iamDataCatalog)).rejects.toMatchObject({
      issues: [
        {
          field: 'people.bob',
          reason: expect.stringMatching(/shares the identity alice@corp.example with alice/),
        },
      ],
    });
  });

  it("refuses a person whose Slack id is another person's key", async () => {
    const raw = JSON.parse(JSON.stringify(config()));
    raw.people.bob.slackUserIds = ['UBOB', 'UCAROL'];
    raw.people.ucarol = { displayName: 'Someone', apiClients: [] };
    await expect(loadConfig(raw, iamDataCatalog)).rejects.toMatchObject({
      issues: [expect.objectContaining({ reason: expect.stringMatching(/shares the identity ucarol/) })],
    });
  });
});

describe('displayNameOf', () => {
  it("shows every identity of a configured person, and their person key, by the person's name", () => {
    const config = testConfig();
    for (const actor of ['api:alice', 'slack:UALICE', 'alice'])
      expect(displayNameOf(config, actor), actor).toBe('Alice');
    // Anyone else, and the broker's own actors, as recorded.
    for (const actor of ['api:mallory', 'slack:UNOBODY', 'workflow', 'oidc:stranger'])
      expect(displayNameOf(config, actor)).toBe(actor);
  });
});
