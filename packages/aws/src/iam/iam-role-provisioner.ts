import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetAccountSummaryCommand,
  GetRoleCommand,
  IAMServiceException,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  paginateListRoles,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  buildSessionRevokePolicy,
  GRANT_POLICY_NAME,
  type ExistingGrantRole,
  type GrantRole,
  type KeyUserSpec,
  ProvisioningError,
  QuotaExceededError,
  requestIdFromRoleName,
  ROLE_PATH,
  type RoleProvisioner,
  type RoleSpec,
  TeardownError,
  REQUEST_ID_TAG,
} from '@access-broker/core';
import { QUOTA_ERRORS } from '../sdk-client-config';
import { IamKeyUsers } from './iam-key-users';

/** Which IAM client talks to a given account (the home account's own, or one through a provisioner role). */
export interface IamClientSource {
  clientFor(accountId: string): IAMClient;
}

// Another teardown may re-add the revoke policy between our delete and DeleteRole: list and try again.
const DELETE_ROUNDS = 3;

export interface IamConsistency {
  /** How long IAM may take to show a new role everywhere (`limits.iamPropagationDelay`). */
  propagationDelayMs: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * RoleProvisioner on IAM. Create is CreateRole (trust, boundary, tags in one call) + PutRolePolicy + one
 * AttachRolePolicy per managed policy; teardown is PutRolePolicy (deny all) + detaches + DeleteRolePolicy +
 * DeleteRole. Throttling and 5xx are retried by the SDK client's retry strategy before anything surfaces here.
 * A role is taken for gone only when IAM says so consistently (see confirmedGone).
 */
export class IamRoleProvisioner implements RoleProvisioner {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  private readonly keyUsers: IamKeyUsers;

  constructor(
    private readonly clients: IamClientSource,
    private readonly consistency: IamConsistency = { propagationDelayMs: 0 },
  ) {
    this.now = consistency.now ?? (() => new Date());
    this.sleep = consistency.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.keyUsers = new IamKeyUsers(clients);
  }

  async createRole(accountId: string, spec: RoleSpec): Promise<{ roleArn: string }> {
    const iam = this.clients.clientFor(accountId);
    // A role we neither created nor recognise is not ours to clean up: fail without touching it.
    const roleArn = await this.createOrAdopt(iam, spec).catch((error: unknown) => {
      if (QUOTA_ERRORS.has((error as Error).name))
        throw new QuotaExceededError(
          `account ${accountId} refused role ${spec.roleName}: ${(error as Error).message}`,
          { cause: error },
        );
      throw new ProvisioningError(`creating role ${spec.roleName} failed (${describe(error)})`, {
        cause: error,
      });
    });
    try {
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: spec.roleName,
          PolicyName: spec.inlinePolicyName,
          PolicyDocument: JSON.stringify(spec.inlinePolicy),
        }),
      );
      for (const arn of spec.managedPolicyArns)
        await iam.send(new AttachRolePolicyCommand({ RoleName: spec.roleName, PolicyArn: arn }));
      return { roleArn };
    } catch (error) {
      // Never leave half a grant behind. If this cleanup fails too, the grant's teardown path retries it.
      const cleanup = await this.teardownRole(accountId, {
        roleName: spec.roleName,
        managedPolicyArns: spec.managedPolicyArns,
      }).then(
        () => 'cleaned up',
        () => 'cleanup failed, left to the sweeper',
      );
      throw new ProvisioningError(
        `configuring role ${spec.roleName} failed (${describe(error)}); ${cleanup}`,
        { cause: error },
      );
    }
  }

  teardownRole(accountId: string, role: GrantRole): Promise<void> {
    return this.teardown(accountId, role, 1);
  }

  // Access-key vendors' users (iam-key-users.ts).
  createKeyUser(accountId: string, spec: KeyUserSpec) {
    return this.keyUsers.create(accountId, spec);
  }
  updateKeyUserPolicy(accountId: string, spec: KeyUserSpec) {
    return this.keyUsers.updatePolicy(accountId, spec);
  }
  teardownKeyUser(accountId: string, userName: string) {
    return this.keyUsers.teardown(accountId, userName);
  }
  listGrantUsers(accountId: string) {
    return this.keyUsers.list(accountId);
  }

  private async teardown(accountId: string, role: GrantRole, round: number): Promise<void> {
    const { roleName, managedPolicyArns, onlyIfOwnedBy } = role;
    const iam = this.clients.clientFor(accountId);
    const RoleName = roleName;
    const gone = (call: Promise<unknown>) => this.stepDone(iam, RoleName, call);
    try {
      const owner = onlyIfOwnedBy ? await this.ownerOf(iam, RoleName, onlyIfOwnedBy) : 'us';
      if (owner === 'someone else') return;
      // Missing may mean "not propagated yet": a role created for this request must not escape its cleanup.
      if (owner === 'missing')
        return (await this.confirmedGone(iam, role)) ? undefined : this.startOver(accountId, role, round);
      // 1. Deny every session first: if anything below fails, the role is already useless.
      const revoked = await gone(
        iam.send(
          new PutRolePolicyCommand({
            RoleName,
            PolicyName: GRANT_POLICY_NAME,
            PolicyDocument: JSON.stringify(buildSessionRevokePolicy()),
          }),
        ),
      );
      if (revoked === 'gone') {
        // Found missing before we changed anything: it may not have propagated yet. Once it has, start over.
        if (!(await this.confirmedGone(iam, role))) return this.startOver(accountId, role, round);
        return;
      }
      for (const PolicyArn of managedPolicyArns)
        await gone(iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn })));
      await gone(iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: GRANT_POLICY_NAME })));
      for (let round = 1; ; round++) {
        try {
          await gone(iam.send(new DeleteRoleCommand({ RoleName })));
          return;
        } catch (error) {
          if (!(error instanceof DeleteConflictException) || round >= DELETE_ROUNDS) throw error;
          await this.removeEveryPolicy(iam, RoleName);
        }
      }
    } catch (error) {
      throw new TeardownError(`tearing down role ${roleName} failed (${describe(error)})`, { cause: error });
    }
  }

  private startOver(accountId: string, role: GrantRole, round: number): Promise<void> {
    if (round >= DELETE_ROUNDS)
      throw new TeardownError(`IAM keeps answering that role ${role.roleName} is and is not there`);
    return this.teardown(accountId, role, round + 1);
  }

  /**
   * IAM is eventually consistent: right after CreateRole, a read (or a write) may not find the role yet. So a
   * role is gone only once a second read, a propagation delay after the role could have been created, still
   * finds nothing; reading it then means the first answer was stale, and the teardown starts over.
   */
  private async confirmedGone(iam: IAMClient, role: GrantRole): Promise<boolean> {
    const since = role.createdAfter ? Date.parse(role.createdAfter) : Number.NaN;
    const age = Number.isNaN(since) ? 0 : this.now().getTime() - since;
    const wait = this.consistency.propagationDelayMs - age;
    if (wait > 0) await this.sleep(wait);
    const read = iam.send(new GetRoleCommand({ RoleName: role.roleName }));
    return (await this.stepDone(iam, role.roleName, read)) === 'gone';
  }

  /** Whose the role is by its tags: this request's, someone else's, or nobody's (missing, as far as IAM says). */
  private async ownerOf(
    iam: IAMClient,
    RoleName: string,
    requestId: string,
  ): Promise<'us' | 'someone else' | 'missing'> {
    let tags: { Key?: string; Value?: string }[] = [];
    const read = iam
      .send(new GetRoleCommand({ RoleName }))
      .then(({ Role }) => void (tags = Role?.Tags ?? []));
    if ((await this.stepDone(iam, RoleName, read)) === 'gone') return 'missing';
    return tags.some((tag) => tag.Key === REQUEST_ID_TAG && tag.Value === requestId) ? 'us' : 'someone else';
  }

  /** An extension: the trust policy first (it is what admits new sessions), then the grant policy. */
  async updateRolePolicies(accountId: string, spec: RoleSpec): Promise<void> {
    const iam = this.clients.clientFor(accountId);
    try {
      await iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: spec.roleName,
          PolicyDocument: JSON.stringify(spec.trustPolicy),
        }),
      );
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: spec.roleName,
          PolicyName: spec.inlinePolicyName,
          PolicyDocument: JSON.stringify(spec.inlinePolicy),
        }),
      );
    } catch (error) {
      throw new ProvisioningError(`updating role ${spec.roleName} failed (${describe(error)})`, {
        cause: error,
      });
    }
  }

  async roleCapacity(accountId: string): Promise<{ roles: number; quota: number }> {
    const { SummaryMap = {} } = await this.clients
      .clientFor(accountId)
      .send(new GetAccountSummaryCommand({}));
    const { Roles, RolesQuota } = SummaryMap;
    if (Roles === undefined || RolesQuota === undefined)
      throw new ProvisioningError(`GetAccountSummary of ${accountId} named no Roles or RolesQuota`);
    return { roles: Roles, quota: RolesQuota };
  }

  /** One ListRoles call per 1,000 roles: the request id is read from the role name, not from tags. */
  async listGrantRoles(accountId: string): Promise<ExistingGrantRole[]> {
    const roles: ExistingGrantRole[] = [];
    for await (const page of paginateListRoles(
      { client: this.clients.clientFor(accountId) },
      { PathPrefix: ROLE_PATH },
    )) {
      for (const role of page.Roles ?? []) {
        const requestId = requestIdFromRoleName(role.RoleName!);
        roles.push({
          roleName: role.RoleName!,
          ...(requestId ? { requestId } : {}),
          createdAt: (role.CreateDate ?? new Date(0)).toISOString(),
        });
      }
    }
    return roles;
  }

  /** A retried CreateRole whose first response was lost finds its own role: adopt it, refuse anyone else's. */
  private async createOrAdopt(iam: IAMClient, spec: RoleSpec): Promise<string> {
    try {
      const { Role } = await iam.send(
        new CreateRoleCommand({
          RoleName: spec.roleName,
          Path: spec.path,
          AssumeRolePolicyDocument: JSON.stringify(spec.trustPolicy),
          PermissionsBoundary: spec.permissionsBoundaryArn,
          MaxSessionDuration: spec.maxSessionDurationSeconds,
          Description: spec.description,
          Tags: spec.tags,
        }),
      );
      return Role!.Arn!;
    } catch (error) {
      if (!(error instanceof EntityAlreadyExistsException)) throw error;
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: spec.roleName }));
      const ours = (tags: { Key?: string; Value?: string }[] = []) =>
        spec.tags.every((tag) => tags.some((other) => other.Key === tag.Key && other.Value === tag.Value));
      const sameTrust =
        decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '') === JSON.stringify(spec.trustPolicy);
      if (
        !Role ||
        !ours(Role.Tags) ||
        !sameTrust ||
        Role.PermissionsBoundary?.PermissionsBoundaryArn !== spec.permissionsBoundaryArn
      )
        throw error;
      return Role.Arn!;
    }
  }

  private async removeEveryPolicy(iam: IAMClient, RoleName: string) {
    const gone = (call: Promise<unknown>) => this.stepDone(iam, RoleName, call);
    const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName }));
    for (const PolicyName of PolicyNames)
      await gone(iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })));
    const { AttachedPolicies = [] } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
    for (const { PolicyArn } of AttachedPolicies)
      await gone(iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn })));
  }

  /**
   * A teardown step that finds the role gone (another teardown, or a human, got there first) is done.
   * IAM says so with NoSuchEntity, or, because the broker's policy is scoped to the `/access-broker/` path
   * and a missing role is authorized against its path-less ARN, with AccessDenied: confirm that one by listing.
   */
  private async stepDone(iam: IAMClient, roleName: string, call: Promise<unknown>): Promise<'done' | 'gone'> {
    try {
      await call;
      return 'done';
    } catch (error) {
      if (error instanceof NoSuchEntityException) return 'gone';
      if (
        error instanceof IAMServiceException &&
        error.name === 'AccessDenied' &&
        !(await this.roleExists(iam, roleName))
      )
        return 'gone';
      throw error;
    }
  }

  private async roleExists(iam: IAMClient, roleName: string): Promise<boolean> {
    for await (const page of paginateListRoles({ client: iam }, { PathPrefix: ROLE_PATH })) {
      if (page.Roles?.some((role) => role.RoleName === roleName)) return true;
    }
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
