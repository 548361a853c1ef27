import type { ApprovalChannel, BrokerConfig } from '../config/config-schema';
import type { FieldIssue } from '../errors';
import type { GrantRecord } from '../grant/grant-record';

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
 * Everyone a request belongs to: the person whose client filed it, the person it names as requester (by id
 * or by Slack id), and the person who asked for a pending extension. None of them may decide it.
 */
export function requestPeople(config: Pick<BrokerConfig, 'people'>, record: GrantRecord): Set<string> {
  const people = [
    personOf(config, { channel: 'api', id: record.createdBy }),
    config.people[record.requester.id] ? record.requester.id : undefined,
    record.requester.slackUserId
      ? personOf(config, { channel: 'slack', id: record.requester.slackUserId })
      : undefined,
    record.extension ? personOf(config, { channel: 'api', id: record.extension.requestedBy }) : undefined,
  ];
  return new Set(people.filter((person): person is string => Boolean(person)));
}

/** Whether a person can act on a channel at all: an API approval needs a client, a Slack one a Slack id. */
export function reachableOn(config: Pick<BrokerConfig, 'people'>, person: string, channel: ApprovalChannel) {
  const entry = config.people[person];
  return Boolean(entry && (channel === 'api' ? entry.apiClients : entry.slackUserIds).length > 0);
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
