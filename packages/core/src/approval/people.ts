import type { ApprovalChannel, BrokerConfig } from '../config/config-schema';
import type { FieldIssue } from '../errors';
import type { Approval, GrantRecord } from '../requests/request-record';
import {
  configuredSpellings,
  type Person,
  personOfActor,
  resolvePerson,
  spellingOf,
} from '../identity/resolve-person';

type People = Pick<BrokerConfig, 'people'>;

/** Whether a person approves for a group: listed in it, or (signed in) carrying one of its IdP groups. */
export function inApproverGroup(
  config: Pick<BrokerConfig, 'approverGroups'>,
  group: string,
  person: Person,
  idpGroups: readonly string[] = [],
): boolean {
  const entry = Object.hasOwn(config.approverGroups, group) ? config.approverGroups[group] : undefined;
  if (!entry) return false;
  return (
    (person.configured && entry.people.includes(person.key)) ||
    entry.idpGroups.some((idpGroup) => idpGroups.includes(idpGroup))
  );
}

/**
 * Everyone a request belongs to: the person whose client filed it, the person it names as requester (in any
 * of their forms, and the person the broker recorded for that name when it was filed), the owner of the
 * requester's Slack id, and whoever asked for a pending extension. None of them may decide it.
 */
export function requestPeople(config: People, record: GrantRecord): Person[] {
  const { requester } = record;
  const people = [
    personOfActor(config, record.createdBy),
    resolvePerson(config, { kind: 'named', id: requester.id }),
    requester.person ? knownPerson(config, requester.person) : undefined,
    requester.slackUserId
      ? resolvePerson(config, { kind: 'slack', userId: requester.slackUserId })
      : undefined,
    record.extension ? personOfActor(config, record.extension.requestedBy) : undefined,
  ];
  return people.filter((person): person is Person => person !== undefined);
}

/** The person who gave an approval: as resolved when it was given, and as the identity resolves now. */
export function approvalPeople(config: People, approval: Approval): Person[] {
  const now =
    approval.channel === 'api'
      ? personOfActor(config, approval.by, approval.email)
      : resolvePerson(config, { kind: 'slack', userId: approval.by });
  return [now, approval.person ? knownPerson(config, approval.person) : undefined].filter(
    (person): person is Person => person !== undefined,
  );
}

/** A person by the key a record holds: a configured one (if still configured), or one of their own. */
function knownPerson(config: People, key: string): Person {
  const configured = Object.hasOwn(config.people, key);
  return {
    key,
    configured,
    spellings: configured ? configuredSpellings(config, key) : new Set([spellingOf(key)]),
  };
}

/**
 * Whether a person can act on a channel at all: a Slack approval needs a Slack id; an API one a client of
 * their own, or an identity-provider subject or email when people sign in.
 */
export function reachableOn(
  config: Pick<BrokerConfig, 'people' | 'oidc'>,
  person: string,
  channel: ApprovalChannel,
) {
  const entry = config.people[person];
  if (!entry) return false;
  if (channel === 'slack') return entry.slackUserIds.length > 0;
  const signsIn = entry.oidcSubjects.length > 0 || entry.emails.length > 0;
  return entry.apiClients.length > 0 || (config.oidc !== undefined && signsIn);
}

/**
 * The people model's own consistency: groups name people, people name clients, and no identity, however it is
 * spelled, belongs to two people (a name a ticketing system sends must mean one person).
 */
export function* peopleIssues(config: BrokerConfig): Generator<FieldIssue> {
  const clients = new Set(config.apiClients.map((client) => client.id));
  const owners = new Map<string, string>();
  for (const [person, entry] of Object.entries(config.people)) {
    for (const [i, client] of entry.apiClients.entries())
      if (!clients.has(client))
        yield { field: `people.${person}.apiClients[${i}]`, reason: `names no client in apiClients` };
    for (const spelling of configuredSpellings(config, person)) {
      const owner = owners.get(spelling);
      if (owner && owner !== person)
        yield {
          field: `people.${person}`,
          reason: `shares the identity ${spelling} with ${owner}: one identity, one person`,
        };
      owners.set(spelling, person);
    }
  }
  for (const [group, { people }] of Object.entries(config.approverGroups))
    for (const [i, person] of people.entries())
      if (!config.people[person])
        yield { field: `approverGroups.${group}.people[${i}]`, reason: `names no one in people` };
}
