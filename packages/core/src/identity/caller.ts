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
  /** The email a signed-in person's token carried with `email_verified: true`: another of their identities. */
  email?: string;
}
