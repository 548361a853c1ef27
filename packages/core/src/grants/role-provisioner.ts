import type { KeyUserSpec } from './key-user';
import type { RoleSpec } from './role-spec';

/** What teardown needs to know of a grant role (read from the grant, so the happy path needs no List calls). */
export interface GrantRole {
  roleName: string;
  managedPolicyArns: readonly string[];
  /**
   * Set when the broker cannot be sure it created the role (a provisioning that failed before the role was
   * confirmed): the role is torn down only if its tags name this request, so a role someone planted under
   * the grant's name is left alone.
   */
  onlyIfOwnedBy?: string;
  /**
   * When the role can have been created at the earliest (the grant's activation; a listed role's creation
   * date). IAM is eventually consistent: a role younger than its propagation delay may read as missing, so
   * "gone" is believed only after a second read a delay after this.
   */
  createdAfter?: string;
}

/**
 * Creates and removes grant roles in a target account. Implementations retry throttling themselves, clean up
 * a half-created role before throwing ProvisioningError, and treat "already gone" as success on teardown.
 */
export interface RoleProvisioner {
  createRole(targetAccountId: string, spec: RoleSpec): Promise<{ roleArn: string }>;
  /**
   * Denies every session of the role, detaches and deletes its policies, deletes it. Idempotent and safe to
   * run concurrently (a role already gone is success); throws TeardownError when the role is still there.
   */
  teardownRole(targetAccountId: string, role: GrantRole): Promise<void>;
  /** Replaces the role's trust policy and grant policy (an extension moves their expiry conditions). */
  updateRolePolicies(targetAccountId: string, spec: RoleSpec): Promise<void>;
  /** How many roles the account holds, of how many its IAM quota allows (one GetAccountSummary). */
  roleCapacity(targetAccountId: string): Promise<{ roles: number; quota: number }>;
  /** Every role under the broker's path in an account, with the request id its tag names (if any). */
  listGrantRoles(targetAccountId: string): Promise<ExistingGrantRole[]>;

  // The access-key fallback (key-user.ts): one IAM user per grant, under the same path.
  /**
   * Makes the grant's key user (or adopts the one a lost answer left), puts its one policy, removes any key
   * it had (a retry's secret was never delivered) and creates one. The secret is returned once, never logged.
   */
  createKeyUser(targetAccountId: string, spec: KeyUserSpec): Promise<NewAccessKey>;
  /** Replaces the key user's policy (an extension moves its expiry condition). */
  updateKeyUserPolicy(targetAccountId: string, spec: KeyUserSpec): Promise<void>;
  /** Deactivates every key first, then deletes keys, policies and the user. Idempotent; gone is success. */
  teardownKeyUser(targetAccountId: string, userName: string): Promise<void>;
  /** Every user under the broker's path in an account (the reconciler's orphans). */
  listGrantUsers(targetAccountId: string): Promise<ExistingGrantRole[]>;
}

export interface NewAccessKey {
  userArn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ExistingGrantRole {
  roleName: string;
  requestId?: string;
  createdAt: string;
}
