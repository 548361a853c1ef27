import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DamagedStateFile } from '../runtime/append-log';

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
    if (!file || !existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(text) as Snapshot;
    } catch (error) {
      // Never start empty while grants say ACTIVE: the roles they name are in here.
      throw new DamagedStateFile(
        file,
        lineOf(text, error),
        `It holds the local IAM (the grants' roles). Restore it from a copy, or set it aside with \`npm run repair-home -- ${file}\`: the roles it held are then gone, and the grants that had them end at their expiry.`,
      );
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

/** The line a JSON.parse error points at (`at position 123`), or 1. */
export function lineOf(text: string, error: unknown): number {
  const position = /position (\d+)/.exec(String((error as Error)?.message))?.[1];
  return position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
}
