import type { ApprovalChannel, BrokerConfig } from '../config/config-schema';
import type { FieldIssue } from '../errors';
import type { GrantRecord } from '../grant/grant-record';
import { isOidcMachine, oidcClaimOf } from './caller';

/** One identity a person acts through: an API client, a Slack user, an OIDC subject. */
export interface Identity {
  channel: ApprovalChannel | 'oidc';
  id: string;
}

/** The person an identity belongs to, if any (a ticketing system's client belongs to nobody). */
export function personOf(config: Pick<BrokerConfig, 'people'>, identity: Identity): string | undefined {
  const field = { api: 'apiClients', slack: 'slackUserIds', oidc: 'oidcSubjects' } as const;
  for (const [person, entry] of Object.entries(config.people))
    if (entry[field[identity.channel]].includes(identity.id)) return person;
  return undefined;
}

/**
 * The person behind an actor (see Caller): a configured person through any of their identities; a person
 * signed in through the identity provider who is not in the config is a person of their own, `oidc:<claim>`;
 * machines (ticketing clients, client-credentials clients) are nobody.
 */
export function personOfActor(config: Pick<BrokerConfig, 'people'>, actor: string): string | undefined {
  if (isOidcMachine(actor)) return undefined;
  const claim = oidcClaimOf(actor);
  if (claim === undefined) return personOf(config, { channel: 'api', id: actor });
  return personOf(config, { channel: 'oidc', id: claim }) ?? actor;
}

/** Whether a person approves for a group: listed in it, or (signed in) carrying one of its IdP groups. */
export function inApproverGroup(
  config: Pick<BrokerConfig, 'approverGroups'>,
  group: string,
  person: string,
  idpGroups: readonly string[] = [],
): boolean {
  const entry = config.approverGroups[group];
  if (!entry) return false;
  return entry.people.includes(person) || entry.idpGroups.some((idpGroup) => idpGroups.includes(idpGroup));
}

/**
 * Everyone a request belongs to: the person whose client filed it, the person it names as requester (by id
 * or by Slack id), and the person who asked for a pending extension. None of them may decide it.
 */
export function requestPeople(config: Pick<BrokerConfig, 'people'>, record: GrantRecord): Set<string> {
  const people = [
    personOfActor(config, record.createdBy),
    config.people[record.requester.id] || oidcClaimOf(record.requester.id) !== undefined
      ? record.requester.id
      : undefined,
    record.requester.slackUserId
      ? personOf(config, { channel: 'slack', id: record.requester.slackUserId })
      : undefined,
    record.extension ? personOfActor(config, record.extension.requestedBy) : undefined,
  ];
  return new Set(people.filter((person): person is string => Boolean(person)));
}

/**
 * Whether a person can act on a channel at all: a Slack approval needs a Slack id; an API one a client of
 * their own, or an identity-provider subject when people sign in.
 */
export function reachableOn(
  config: Pick<BrokerConfig, 'people' | 'oidc'>,
  person: string,
  channel: ApprovalChannel,
) {
  const entry = config.people[person];
  if (!entry) return false;
  if (channel === 'slack') return entry.slackUserIds.length > 0;
  return entry.apiClients.length > 0 || (config.oidc !== undefined && entry.oidcSubjects.length > 0);
}

/** The people model's own consistency: groups name people, people name clients, no identity is shared. */
export function* peopleIssues(config: BrokerConfig): Generator<FieldIssue> {
  const clients = new Set(config.apiClients.map((client) => client.id));
  const owners = new Map<string, string>();
  for (const [person, entry] of Object.entries(config.people)) {
    for (const [i, client] of entry.apiClients.entries())
      if (!clients.has(client))
        yield { field: `people.${person}.apiClients[${i}]`, reason: `names no client in apiClients` };
    for (const [kind, ids] of [
      ['api', entry.apiClients],
      ['slack', entry.slackUserIds],
      ['oidc', entry.oidcSubjects],
    ] as const)
      for (const id of ids) {
        const owner = owners.get(`${kind}:${id}`);
        if (owner && owner !== person)
          yield {
            field: `people.${person}`,
            reason: `shares ${kind} identity ${id} with ${owner}: one identity, one person`,
          };
        owners.set(`${kind}:${id}`, person);
      }
  }
  for (const [group, { people }] of Object.entries(config.approverGroups))
    for (const [i, person] of people.entries())
      if (!config.people[person])
        yield { field: `approverGroups.${group}.people[${i}]`, reason: `names no one in people` };
}
