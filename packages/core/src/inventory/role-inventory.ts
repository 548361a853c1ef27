/** A role as IAM lists it: enough to read who may assume it. */
export interface ListedRole {
  roleName: string;
  arn: string;
  path: string;
  /** The trust policy, as JSON. */
  trustPolicy: string;
  createdAt: string;
}

/** Reads every role of an account the broker reaches (ListRoles; GetRole only for the last use). */
export interface RoleInventory {
  listRoles(accountId: string): Promise<ListedRole[]>;
  /** When the role was last assumed, as IAM tracks it (absent: never, or not within IAM's tracking period). */
  lastUsed(accountId: string, roleName: string): Promise<string | undefined>;
}
