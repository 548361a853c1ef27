import { type RoleSpec } from '../role/role-spec';

/**
 * Creates and removes grant roles in a target account. Implementations retry throttling themselves, clean up
 * a half-created role before throwing ProvisioningError, and treat "already gone" as success on teardown.
 */
export interface RoleProvisioner {
  createRole(targetAccountId: string, spec: RoleSpec): Promise<{ roleArn: string }>;
  /** Revokes sessions issued before `revokeSessionsBefore`, then deletes the role. Idempotent; throws TeardownError. */
  teardownRole(targetAccountId: string, roleName: string, revokeSessionsBefore: Date): Promise<void>;
}
