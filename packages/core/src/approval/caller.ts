import type { Scope } from '../config/scopes';

/** Who is calling the API, once authenticated: a machine or a person, and what they may do. */
export interface Caller {
  /**
   * What records and the audit trail name as the actor: a static API client's id, `oidc:<person claim>` for a
   * person signed in through the identity provider, `oidc-client:<id>` for a client-credentials machine.
   */
  actor: string;
  scopes: readonly Scope[];
  /** The identity-provider groups a signed-in person's token carried (approver groups may name them). */
  idpGroups?: readonly string[];
}

const PERSON = 'oidc:';
const MACHINE = 'oidc-client:';

export const oidcPersonActor = (claim: string) => `${PERSON}${claim}`;
export const oidcMachineActor = (clientId: string) => `${MACHINE}${clientId}`;

/** The identity-provider claim behind an actor, when the actor is a signed-in person. */
export function oidcClaimOf(actor: string): string | undefined {
  return actor.startsWith(PERSON) ? actor.slice(PERSON.length) : undefined;
}

export const isOidcMachine = (actor: string) => actor.startsWith(MACHINE);
