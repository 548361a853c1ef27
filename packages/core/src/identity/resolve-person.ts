import type { BrokerConfig } from '../config/config-schema';

/**
 * Something that says who it is, as it reached the broker, and how far that can be believed:
 * - `api-client`: a static client's id, proven by its bearer token.
 * - `oidc`: a signed-in person, proven by the identity provider's signature: the claim the config names
 *   (`personClaim`) and, when the provider says it verified it, their email.
 * - `slack`: a Slack user id, proven by Slack's request signature.
 * - `named`: a requester a ticketing system names in a request body. Nothing proves it: it may name a person
 *   (to record who asked, and who therefore may not decide), never make the sender someone.
 */
export type Identity =
  | { kind: 'api-client'; id: string }
  | { kind: 'oidc'; claim: string; email?: string }
  | { kind: 'slack'; userId: string }
  | { kind: 'named'; id: string };

/** A person the broker knows, or only the identity provider knows, or only a ticketing system named. */
export interface Person {
  /** How records name them: a key of the config's `people`, `oidc:<claim>`, or the name as it was sent. */
  key: string;
  /** A person of the config (whose groups the config lists), not someone only a token or a ticket named. */
  configured: boolean;
  /** Every spelling of every identity they are known by, normalised: two people sharing one are one. */
  spellings: ReadonlySet<string>;
}

type People = Pick<BrokerConfig, 'people'>;

const OIDC_PERSON = 'oidc:';
const OIDC_MACHINE = 'oidc-client:';

/**
 * The one place an identity becomes a person. Configured people are found by the identities the config lists
 * for them (exactly, for the ones that prove who the caller is; by any spelling, for a name a ticketing system
 * sent). Anyone else signed in is a person of their own, `oidc:<claim>`; a name nobody knows is a person of its
 * own too (it still cannot decide its own request); machines are nobody.
 */
export function resolvePerson(config: People, identity: Identity): Person | undefined {
  switch (identity.kind) {
    case 'api-client':
      return configuredBy(config, (entry) => entry.apiClients.includes(identity.id));
    case 'slack':
      return configuredBy(config, (entry) => entry.slackUserIds.includes(identity.userId));
    case 'oidc':
      return signedIn(config, identity.claim, identity.email);
    case 'named':
      return named(config, identity.id);
  }
}

/** Whether two people are one: the same key, or an identity in common, however it is spelled. */
export function samePerson(a: Person, b: Person): boolean {
  return a.key === b.key || intersects(a.spellings, b.spellings);
}

/**
 * Whether two people may be one: the same person, or an email in common once `+tags` are dropped (mail for
 * `ada+jira@corp.example` reaches ada@corp.example). Only ever used to refuse (deciding one's own request,
 * counting twice), never to let anyone see or act as another.
 */
export function mayBeSamePerson(a: Person, b: Person): boolean {
  return samePerson(a, b) || intersects(untagged(a.spellings), untagged(b.spellings));
}

const intersects = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].some((value) => b.has(value));
const untagged = (spellings: ReadonlySet<string>) =>
  new Set([...spellings].map((spelling) => spelling.replace(/\+[^@]*@/, '@')));

/**
 * The person behind an actor as records and callers name them: a static client's id, `oidc:<claim>` for a
 * signed-in person (with the email their token verified, when known), `oidc-client:<id>` for a machine.
 */
export function personOfActor(config: People, actor: string, email?: string): Person | undefined {
  if (actor.startsWith(OIDC_MACHINE)) return undefined;
  if (actor.startsWith(OIDC_PERSON)) return signedIn(config, actor.slice(OIDC_PERSON.length), email);
  return resolvePerson(config, { kind: 'api-client', id: actor });
}

/**
 * The person behind an actor the audit trail names: a decision's `api:<actor>` or `slack:<user id>`, or the
 * actor of a caller. The broker's own actors (`workflow`, `sweeper`, …) are nobody.
 */
export function personOfRecordedActor(config: People, actor: string): Person | undefined {
  if (actor.startsWith('slack:')) return resolvePerson(config, { kind: 'slack', userId: actor.slice(6) });
  return personOfActor(config, actor.startsWith('api:') ? actor.slice(4) : actor);
}

export const oidcPersonActor = (claim: string) => `${OIDC_PERSON}${claim}`;
export const oidcMachineActor = (clientId: string) => `${OIDC_MACHINE}${clientId}`;

/**
 * An identity as it is compared: Unicode-compatibility folded, without invisible format characters (zero-width
 * spaces, direction marks), trimmed and lower-cased, without a `mailto:`, `oidc:`, `api:` or `slack:` prefix, an
 * email's domain without a trailing dot. `APPROVER@Broker.Local.`, `slack:U0ADA` and `approver@broker.local`
 * are each one spelling; `approver+x@broker.local` is another (see mayBeSamePerson).
 */
export function spellingOf(value: string): string {
  const folded = value
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
    .trim()
    .toLowerCase()
    .replace(/^(mailto|oidc|api|slack):/, '')
    .trim();
  return folded.includes('@') ? folded.replace(/\.+$/, '') : folded;
}

/** Every spelling of a configured person: their key and every identity the config lists for them. */
export function configuredSpellings(config: People, key: string): Set<string> {
  const entry = config.people[key];
  const identities = entry
    ? [key, ...entry.emails, ...entry.apiClients, ...entry.slackUserIds, ...entry.oidcSubjects]
    : [key];
  return new Set(identities.map(spellingOf).filter(Boolean));
}

function configuredBy(
  config: People,
  matches: (entry: BrokerConfig['people'][string]) => boolean,
): Person | undefined {
  for (const [key, entry] of Object.entries(config.people))
    if (matches(entry)) return { key, configured: true, spellings: configuredSpellings(config, key) };
  return undefined;
}

/**
 * A signed-in person: the configured person whose `oidcSubjects` lists the claim (exactly: subjects are
 * case-sensitive ids), else whose `emails` list the email the provider verified (as written, in any case);
 * else a person of their own, who is still anyone their claim or verified email spells.
 */
function signedIn(config: People, claim: string, email: string | undefined): Person {
  const verified = email ? spellingOf(email) : undefined;
  const person =
    configuredBy(config, (entry) => entry.oidcSubjects.includes(claim)) ??
    (verified
      ? configuredBy(config, (entry) => entry.emails.some((listed) => spellingOf(listed) === verified))
      : undefined);
  const spellings = [spellingOf(claim), ...(verified ? [verified] : [])].filter(Boolean);
  if (person) return { ...person, spellings: new Set([...person.spellings, ...spellings]) };
  return { key: oidcPersonActor(claim), configured: false, spellings: new Set(spellings) };
}

/** A name sent in a request: any spelling of any identity of a configured person is that person. */
function named(config: People, id: string): Person | undefined {
  const spelling = spellingOf(id);
  if (!spelling) return undefined;
  for (const key of Object.keys(config.people)) {
    const known = configuredSpellings(config, key);
    if (known.has(spelling)) return { key, configured: true, spellings: known };
  }
  return { key: id.trim(), configured: false, spellings: new Set([spelling]) };
}

/**
 * How people are shown an actor: the configured person's display name (`slack:U0ADA`, `api:ada-cli`,
 * `oidc:ada` and the person key `ada` are all "Ada Lovelace"), else the actor as recorded. For display only,
 * never to decide who someone is. Shown text: callers still escape it.
 */
export function displayNameOf(config: People, actor: string): string {
  const person = personOfRecordedActor(config, actor);
  // A record's person key (a requester's `person`) names its person too.
  const key = person?.configured ? person.key : Object.hasOwn(config.people, actor) ? actor : undefined;
  return key ? (config.people[key]?.displayName ?? actor) : actor;
}
