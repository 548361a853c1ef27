import type { KeyUserSpec } from '../grants/key-user';
import { TeardownError } from '../errors';
import type { GrantRecord } from '../requests/request-record';
import type { ApprovalNotifier } from '../approval/approval-notifier';
import type { Clock } from '../context/clock';
import type { ExpiryScheduler } from '../grants/expiry-scheduler';
import type { IdGenerator } from '../context/id-generator';
import type { GrantRole, RoleProvisioner } from '../grants/role-provisioner';
import type { Workflow, WorkflowInput } from '../approval/workflow';
import { REQUEST_ID_TAG, requestIdFromRoleName, type RoleSpec } from '../grants/role-spec';

/** A clock tests move by hand, so expiry is tested without sleeping. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-11-23T12:00:00.000Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  async sleep(ms: number) {
    this.advance(ms);
  }
}

export function sequentialIds(prefix = 'req'): IdGenerator {
  let next = 0;
  return { newId: () => `${prefix}${String(++next).padStart(4, '0')}` };
}

/** Roles kept in a map; `failTeardowns` makes the next N teardowns throw, as a throttled IAM would. */
export class FakeProvisioner implements RoleProvisioner {
  readonly roles = new Map<string, RoleSpec>();
  private readonly createdAt = new Map<string, string>();
  readonly calls: string[] = [];
  failTeardowns = 0;
  failCreates = 0;
  /** Which account holds which roles (a grant role has the same name in each of its accounts). */
  readonly byAccount = new Map<string, Set<string>>();
  /** An account whose CreateRole fails (AWS refusing there only). */
  failCreatesIn?: string;
  /** The account's IAM role quota; every role counts, the broker's and the account's own (`otherRoles`). */
  roleQuota = 1000;
  otherRoles = 0;

  async createRole(accountId: string, spec: RoleSpec) {
    this.calls.push(`create:${spec.roleName}`);
    if (this.failCreates > 0) {
      this.failCreates--;
      throw new Error('injected create failure');
    }
    if (this.failCreatesIn === accountId) throw new Error(`injected create failure in ${accountId}`);
    this.roles.set(spec.roleName, structuredClone(spec));
    this.byAccount.set(accountId, (this.byAccount.get(accountId) ?? new Set()).add(spec.roleName));
    return { roleArn: `arn:aws:iam::${accountId}:role${spec.path}${spec.roleName}` };
  }

  async updateRolePolicies(_accountId: string, spec: RoleSpec) {
    this.calls.push(`update:${spec.roleName}`);
    const role = this.roles.get(spec.roleName);
    if (!role) throw new Error(`no role ${spec.roleName}`);
    this.roles.set(spec.roleName, {
      ...role,
      trustPolicy: spec.trustPolicy,
      inlinePolicy: spec.inlinePolicy,
    });
  }

  async roleCapacity() {
    this.calls.push('capacity');
    return { roles: this.roles.size + this.otherRoles, quota: this.roleQuota };
  }

  async listGrantRoles(_accountId?: string) {
    this.calls.push('list');
    return [...this.roles.values()].map((spec) => ({
      roleName: spec.roleName,
      requestId: requestIdFromRoleName(spec.roleName),
      createdAt: this.createdAt.get(spec.roleName) ?? new Date(0).toISOString(),
    }));
  }

  /** Key users by account and name, with their access key ids (key-user.ts). */
  readonly keyUsers = new Map<string, { spec: KeyUserSpec; keys: string[] }>();

  async createKeyUser(accountId: string, spec: KeyUserSpec) {
    this.calls.push(`create-user:${spec.userName}`);
    const accessKeyId = `AKIAFAKE${this.keyUsers.size}${this.calls.length}`;
    this.keyUsers.set(`${accountId}/${spec.userName}`, { spec: structuredClone(spec), keys: [accessKeyId] });
    return {
      userArn: `arn:aws:iam::${accountId}:user${spec.path}${spec.userName}`,
      accessKeyId,
      secretAccessKey: `secret-of-${accessKeyId}`,
    };
  }

  async updateKeyUserPolicy(accountId: string, spec: KeyUserSpec) {
    this.calls.push(`update-user:${spec.userName}`);
    const user = this.keyUsers.get(`${accountId}/${spec.userName}`);
    if (!user) throw new Error(`no user ${spec.userName}`);
    user.spec = structuredClone(spec);
  }

  async teardownKeyUser(accountId: string, userName: string) {
    this.calls.push(`teardown-user:${userName}`);
    this.keyUsers.delete(`${accountId}/${userName}`);
  }

  async listGrantUsers(accountId: string) {
    return [...this.keyUsers.entries()]
      .filter(([key]) => key.startsWith(`${accountId}/`))
      .map(([, { spec }]) => ({
        roleName: spec.userName,
        requestId: requestIdFromRoleName(spec.userName),
        createdAt: new Date(0).toISOString(),
      }));
  }

  /** A role created behind the broker's back (or by a crash between CreateRole and the store write). */
  plant(spec: RoleSpec, createdAt: Date) {
    this.roles.set(spec.roleName, structuredClone(spec));
    this.createdAt.set(spec.roleName, createdAt.toISOString());
  }

  async teardownRole(accountId: string, { roleName, onlyIfOwnedBy }: GrantRole) {
    this.calls.push(`teardown:${roleName}`);
    const owner = this.roles.get(roleName)?.tags.find((tag) => tag.Key === REQUEST_ID_TAG)?.Value;
    if (onlyIfOwnedBy && owner !== onlyIfOwnedBy) return;
    if (this.failTeardowns > 0) {
      this.failTeardowns--;
      throw new TeardownError(`injected teardown failure for ${roleName}`);
    }
    this.byAccount.get(accountId)?.delete(roleName);
    if (![...this.byAccount.values()].some((names) => names.has(roleName))) this.roles.delete(roleName);
  }
}

export class FakeScheduler implements ExpiryScheduler {
  readonly schedules = new Map<string, Date>();
  async scheduleExpiry(requestId: string, at: Date) {
    this.schedules.set(requestId, at);
  }
  async cancelExpiry(requestId: string) {
    this.schedules.delete(requestId);
  }
}

export class RecordingNotifier implements ApprovalNotifier {
  readonly asked: string[] = [];
  readonly outcomes: string[] = [];
  readonly told: string[] = [];
  readonly reminded: string[] = [];
  async requestApproval(record: GrantRecord) {
    this.asked.push(record.id);
    return record.approvalMessage ?? { channel: 'CAPPROVALS', ts: `ts-${record.id}` };
  }
  async announceOutcome(record: GrantRecord) {
    this.outcomes.push(`${record.id}:${record.status}`);
  }
  async tellUser(slackUserId: string, _record: GrantRecord | undefined, text: string) {
    this.told.push(`${slackUserId}: ${text}`);
  }
  async remind(slackUserId: string, _record: GrantRecord, text: string) {
    this.reminded.push(`${slackUserId}: ${text}`);
  }
}

export class RecordingWorkflow implements Workflow {
  readonly started: WorkflowInput[] = [];
  async start(input: WorkflowInput) {
    this.started.push(input);
  }
  readonly resumed: { taskToken: string; output: Record<string, unknown> }[] = [];
  readonly aborted: { taskToken: string; error: string }[] = [];
  async resume(taskToken: string, output: Record<string, unknown>) {
    this.resumed.push({ taskToken, output });
  }
  async abort(taskToken: string, error: string) {
    this.aborted.push({ taskToken, error });
  }
}
