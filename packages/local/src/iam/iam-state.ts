import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface LocalRole {
  accountId: string;
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  createDate: string;
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  boundaryArn?: string;
  tags: { Key: string; Value: string }[];
  inlinePolicies: Record<string, string>;
  attachedPolicyArns: string[];
}

export interface LocalManagedPolicy {
  arn: string;
  name: string;
  document: string;
}

/** A caller with long-term keys: the broker itself, or a third party in its own account. */
export interface LocalUser {
  arn: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Identity policies of the caller (what its own account lets it do). */
  policies: string[];
}

export interface LocalSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  arn: string;
  roleArn: string;
  accountId: string;
  issuedAt: string;
  expiresAt: string;
  /** Made with another session's credentials (role chaining): STS and the console cap it at one hour. */
  chained?: boolean;
}

interface Snapshot {
  roles: LocalRole[];
  policies: LocalManagedPolicy[];
  users: LocalUser[];
  sessions: LocalSession[];
}

/** Everything the local IAM/STS knows, across accounts, optionally persisted to one JSON file. */
export class IamState {
  readonly roles = new Map<string, LocalRole>();
  /** Roles an account may hold (IAM's default quota; tests lower it). Every role counts, not only grants. */
  roleQuota = 1000;
  readonly policies = new Map<string, LocalManagedPolicy>();
  readonly users = new Map<string, LocalUser>();
  readonly sessions = new Map<string, LocalSession>();
  /**
   * IAM's eventual consistency, opt-in: a new role is missing from reads (GetRole, ListRoles, its policy
   * lists) and from STS AssumeRole until this long after its creation; writes find it at once. Zero, the
   * default, is immediately consistent.
   */
  readLagMs = 0;

  constructor(private readonly file?: string) {
    if (!file) return;
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    } catch {
      return;
    }
    for (const role of snapshot.roles) this.roles.set(roleKey(role.accountId, role.roleName), role);
    for (const policy of snapshot.policies) this.policies.set(policy.arn, policy);
    for (const user of snapshot.users) this.users.set(user.accessKeyId, user);
    for (const session of snapshot.sessions) this.sessions.set(session.accessKeyId, session);
  }

  /**
   * The role; as reads and AssumeRole see it at `now` when given (not yet, while IAM is still propagating
   * it), or as it is (writes, and the policies that authorize a session's calls).
   */
  role(accountId: string, roleName: string, now?: Date): LocalRole | undefined {
    const role = this.roles.get(roleKey(accountId, roleName));
    return role && (now === undefined || this.visible(role, now)) ? role : undefined;
  }

  /** The role whatever IAM has propagated: what writes (CreateRole's uniqueness check included) find. */
  existingRole(accountId: string, roleName: string): LocalRole | undefined {
    return this.roles.get(roleKey(accountId, roleName));
  }

  visible(role: LocalRole, now = new Date()): boolean {
    return this.readLagMs <= 0 || Date.parse(role.createDate) + this.readLagMs <= now.getTime();
  }

  roleByArn(arn: string, now?: Date): LocalRole | undefined {
    const match = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
    return match ? this.role(match[1]!, match[2]!, now) : undefined;
  }

  putRole(role: LocalRole) {
    this.roles.set(roleKey(role.accountId, role.roleName), role);
  }

  deleteRole(role: LocalRole) {
    this.roles.delete(roleKey(role.accountId, role.roleName));
  }

  /** Writes the whole state atomically (temp file + rename), so a crash never leaves half a file. */
  save() {
    if (!this.file) return;
    const snapshot: Snapshot = {
      roles: [...this.roles.values()],
      policies: [...this.policies.values()],
      users: [...this.users.values()],
      sessions: [...this.sessions.values()].filter((session) => Date.parse(session.expiresAt) > Date.now()),
    };
    // Keys and session secrets: readable by the owner only.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(snapshot), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }
}

function roleKey(accountId: string, roleName: string) {
  // IAM role names are unique per account regardless of case.
  return `${accountId}:${roleName.toLowerCase()}`;
}
