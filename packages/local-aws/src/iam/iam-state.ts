import { existsSync, readFileSync, renameSync } from 'node:fs';
import { AppendLog, DamagedStateFile } from '../storage/append-log';

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
  /** When a session of it was last issued, and where (GetRole's RoleLastUsed). */
  lastUsed?: { at: string; region: string };
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
  /** An access key of a user made through the IAM API: its policies and boundary are that user's (iamUsers). */
  userName?: string;
  status?: 'Active' | 'Inactive';
  createDate?: string;
}

/** A user made through the IAM API (an access-key vendor's key user); its keys are LocalUser entries. */
export interface LocalIamUser {
  accountId: string;
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: string;
  boundaryArn?: string;
  tags: { Key: string; Value: string }[];
  inlinePolicies: Record<string, string>;
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

/** One line of the IAM log: an entry put (with its value) or removed (without). */
type LogEntry =
  | { role: string; value?: LocalRole }
  | { policy: string; value?: LocalManagedPolicy }
  | { user: string; value?: LocalUser }
  | { iamUser: string; value?: LocalIamUser }
  | { session: string; value?: LocalSession };

/** What an earlier version kept in one JSON document (`iam.json`), imported once. */
interface Snapshot {
  roles: LocalRole[];
  policies: LocalManagedPolicy[];
  users: LocalUser[];
  sessions: LocalSession[];
}

/**
 * Everything the local IAM/STS knows, across accounts, optionally persisted as an append log (`iam.jsonl`):
 * each change is a line (the entry changed, not the whole state), group-committed and fsynced, so persisting
 * costs the same with 10 roles or 10,000. Opening replays and compacts it, dropping expired sessions.
 */
export class IamState {
  readonly roles = new Map<string, LocalRole>();
  /** Roles an account may hold (IAM's default quota; tests lower it). Every role counts, not only grants. */
  roleQuota = 1000;
  readonly policies = new Map<string, LocalManagedPolicy>();
  readonly users = new Map<string, LocalUser>();
  readonly iamUsers = new Map<string, LocalIamUser>();
  readonly sessions = new Map<string, LocalSession>();
  /**
   * IAM's eventual consistency, opt-in: a new role is missing from reads (GetRole, ListRoles, its policy
   * lists) and from STS AssumeRole until this long after its creation; writes find it at once. Zero, the
   * default, is immediately consistent.
   */
  readLagMs = 0;
  private readonly log: AppendLog<LogEntry> | undefined;
  private readonly dirty = new Map<string, () => LogEntry>();

  constructor(file?: string) {
    if (!file) return;
    const legacy = file.replace(/\.jsonl$/, '.json');
    const importing = legacy !== file && !existsSync(file) && existsSync(legacy);
    if (importing) this.importSnapshot(legacy);
    this.log = AppendLog.open<LogEntry>(
      file,
      (entry) => this.apply(entry),
      () => this.entries(),
      {
        repair: `It holds the local IAM (the grants' roles). Restore it from a copy, or run \`npm run repair-home -- ${file}\`: it keeps every readable line; the roles of damaged ones are gone, and their grants end at their expiry.`,
      },
    );
    if (importing) renameSync(legacy, `${legacy}.imported`);
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

  /** Stores a role, new or changed in place (its policies, its trust): the next save() writes it. */
  putRole(role: LocalRole) {
    const key = roleKey(role.accountId, role.roleName);
    this.roles.set(key, role);
    this.dirty.set(`role:${key}`, () => ({ role: key, value: this.roles.get(key) }));
  }

  /** Records a session issued for the role, if the role is still the one it was (never resurrects a deleted one). */
  markRoleUsed(role: LocalRole, at: Date, region: string) {
    const current = this.roles.get(roleKey(role.accountId, role.roleName));
    if (current?.roleId !== role.roleId) return;
    this.putRole({ ...current, lastUsed: { at: at.toISOString(), region } });
  }

  deleteRole(role: LocalRole) {
    const key = roleKey(role.accountId, role.roleName);
    this.roles.delete(key);
    this.dirty.set(`role:${key}`, () => ({ role: key }));
  }

  putPolicy(policy: LocalManagedPolicy) {
    this.policies.set(policy.arn, policy);
    this.dirty.set(`policy:${policy.arn}`, () => ({ policy: policy.arn, value: policy }));
  }

  putUser(user: LocalUser) {
    this.users.set(user.accessKeyId, user);
    this.dirty.set(`user:${user.accessKeyId}`, () => ({ user: user.accessKeyId, value: user }));
  }

  /** Removes an access key (DeleteAccessKey). */
  deleteUser(accessKeyId: string) {
    this.users.delete(accessKeyId);
    this.dirty.set(`user:${accessKeyId}`, () => ({ user: accessKeyId }));
  }

  iamUser(accountId: string, userName: string): LocalIamUser | undefined {
    return this.iamUsers.get(userKey(accountId, userName));
  }

  putIamUser(user: LocalIamUser) {
    const key = userKey(user.accountId, user.userName);
    this.iamUsers.set(key, user);
    this.dirty.set(`iamUser:${key}`, () => ({ iamUser: key, value: this.iamUsers.get(key) }));
  }

  deleteIamUser(user: LocalIamUser) {
    const key = userKey(user.accountId, user.userName);
    this.iamUsers.delete(key);
    this.dirty.set(`iamUser:${key}`, () => ({ iamUser: key }));
  }

  /** The access keys of a user made through the IAM API. */
  keysOf(user: LocalIamUser): LocalUser[] {
    return [...this.users.values()].filter(
      (key) => key.accountId === user.accountId && key.userName === user.userName,
    );
  }

  putSession(session: LocalSession) {
    this.sessions.set(session.accessKeyId, session);
    this.dirty.set(`session:${session.accessKeyId}`, () => ({
      session: session.accessKeyId,
      value: session,
    }));
  }

  /** Appends what changed since the last save (one line per changed entry); durable() makes it last. */
  save() {
    for (const entry of this.dirty.values()) this.log?.append(entry());
    this.dirty.clear();
  }

  /** Resolves once every change saved so far is on disk (group commit). */
  durable(): Promise<void> {
    return this.log?.durable() ?? Promise.resolve();
  }

  close() {
    this.save();
    this.log?.close();
  }

  private apply(entry: LogEntry) {
    const [map, key] =
      'role' in entry
        ? [this.roles, entry.role]
        : 'policy' in entry
          ? [this.policies, entry.policy]
          : 'user' in entry
            ? [this.users, entry.user]
            : 'iamUser' in entry
              ? [this.iamUsers, entry.iamUser]
              : [this.sessions, entry.session];
    if (entry.value) (map as Map<string, unknown>).set(key, entry.value);
    else map.delete(key);
  }

  /** What is live now, one entry each: the compacted log (sessions that have expired are left out). */
  private *entries(): Generator<LogEntry> {
    for (const [key, value] of this.roles) yield { role: key, value };
    for (const [key, value] of this.policies) yield { policy: key, value };
    for (const [key, value] of this.users) yield { user: key, value };
    for (const [key, value] of this.iamUsers) yield { iamUser: key, value };
    for (const [key, value] of this.sessions)
      if (Date.parse(value.expiresAt) > Date.now()) yield { session: key, value };
  }

  private importSnapshot(file: string) {
    const text = readFileSync(file, 'utf8');
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(text) as Snapshot;
    } catch (error) {
      // Never start empty while grants say ACTIVE: the roles they name are in here.
      throw new DamagedStateFile(
        file,
        lineOf(text, error),
        `It holds the local IAM of an earlier version (the grants' roles). Restore it from a copy, or set it aside with \`npm run repair-home -- ${file}\`: the roles it held are then gone, and their grants end at their expiry.`,
      );
    }
    for (const role of snapshot.roles) this.roles.set(roleKey(role.accountId, role.roleName), role);
    for (const policy of snapshot.policies) this.policies.set(policy.arn, policy);
    for (const user of snapshot.users) this.users.set(user.accessKeyId, user);
    for (const session of snapshot.sessions) this.sessions.set(session.accessKeyId, session);
  }
}

function userKey(accountId: string, userName: string) {
  // IAM user names are unique per account regardless of case, as role names are.
  return `${accountId}:${userName.toLowerCase()}`;
}

function roleKey(accountId: string, roleName: string) {
  // IAM role names are unique per account regardless of case.
  return `${accountId}:${roleName.toLowerCase()}`;
}

/** The line a JSON.parse error points at (`at position 123`), or 1. */
function lineOf(text: string, error: unknown): number {
  const position = /position (\d+)/.exec(String((error as Error)?.message))?.[1];
  return position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
}
