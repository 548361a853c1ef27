import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  EntityAlreadyExistsException,
  GetUserCommand,
  IAMServiceException,
  type IAMClient,
  ListAccessKeysCommand,
  ListUserPoliciesCommand,
  NoSuchEntityException,
  paginateListUsers,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import {
  type ExistingGrantRole,
  type KeyUserSpec,
  type NewAccessKey,
  ProvisioningError,
  REQUEST_ID_TAG,
  requestIdFromRoleName,
  ROLE_PATH,
  TeardownError,
} from '@access-broker/core';
import type { IamClientSource } from './iam-role-provisioner';

/**
 * The key users of access-key vendors on IAM: CreateUser (path, boundary, tags) + PutUserPolicy + a fresh
 * access key; teardown deactivates every key before it deletes anything, so the key stops working first.
 */
export class IamKeyUsers {
  constructor(private readonly clients: IamClientSource) {}

  async create(accountId: string, spec: KeyUserSpec): Promise<NewAccessKey> {
    const iam = this.clients.clientFor(accountId);
    const UserName = spec.userName;
    try {
      const userArn = await this.createOrAdopt(iam, spec);
      await this.putPolicy(iam, spec);
      // A retry made a key whose secret nobody received: it must not stay valid.
      const { AccessKeyMetadata = [] } = await iam.send(new ListAccessKeysCommand({ UserName }));
      for (const { AccessKeyId } of AccessKeyMetadata)
        await iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId }));
      const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName }));
      return { userArn, accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    } catch (error) {
      throw new ProvisioningError(`making key user ${UserName} failed (${describe(error)})`, {
        cause: error,
      });
    }
  }

  async updatePolicy(accountId: string, spec: KeyUserSpec): Promise<void> {
    try {
      await this.putPolicy(this.clients.clientFor(accountId), spec);
    } catch (error) {
      throw new ProvisioningError(`updating key user ${spec.userName} failed (${describe(error)})`, {
        cause: error,
      });
    }
  }

  async teardown(accountId: string, UserName: string): Promise<void> {
    const iam = this.clients.clientFor(accountId);
    try {
      const { AccessKeyMetadata = [] } = await iam.send(new ListAccessKeysCommand({ UserName }));
      for (const { AccessKeyId } of AccessKeyMetadata)
        await iam.send(new UpdateAccessKeyCommand({ UserName, AccessKeyId, Status: 'Inactive' }));
      for (const { AccessKeyId } of AccessKeyMetadata)
        await iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId }));
      const { PolicyNames = [] } = await iam.send(new ListUserPoliciesCommand({ UserName }));
      for (const PolicyName of PolicyNames)
        await iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName }));
      await iam.send(new DeleteUserCommand({ UserName }));
    } catch (error) {
      if (error instanceof NoSuchEntityException) return;
      // Path-scoped permissions make a missing user an AccessDenied (its ARN has no path): confirm by listing.
      if (
        error instanceof IAMServiceException &&
        error.name === 'AccessDenied' &&
        !(await this.exists(iam, UserName))
      )
        return;
      throw new TeardownError(`removing key user ${UserName} failed (${describe(error)})`, { cause: error });
    }
  }

  async list(accountId: string): Promise<ExistingGrantRole[]> {
    const users: ExistingGrantRole[] = [];
    for await (const page of paginateListUsers(
      { client: this.clients.clientFor(accountId) },
      { PathPrefix: ROLE_PATH },
    ))
      for (const user of page.Users ?? []) {
        const requestId = requestIdFromRoleName(user.UserName!);
        users.push({
          roleName: user.UserName!,
          ...(requestId ? { requestId } : {}),
          createdAt: (user.CreateDate ?? new Date(0)).toISOString(),
        });
      }
    return users;
  }

  private async exists(iam: IAMClient, userName: string): Promise<boolean> {
    for await (const page of paginateListUsers({ client: iam }, { PathPrefix: ROLE_PATH }))
      if (page.Users?.some((user) => user.UserName === userName)) return true;
    return false;
  }

  /** A lost CreateUser answer leaves our user: adopt it when its tags name this request, refuse anyone else's. */
  private async createOrAdopt(iam: IAMClient, spec: KeyUserSpec): Promise<string> {
    try {
      const { User } = await iam.send(
        new CreateUserCommand({
          UserName: spec.userName,
          Path: spec.path,
          PermissionsBoundary: spec.permissionsBoundaryArn,
          Tags: spec.tags,
        }),
      );
      return User!.Arn!;
    } catch (error) {
      if (!(error instanceof EntityAlreadyExistsException)) throw error;
      const { User } = await iam.send(new GetUserCommand({ UserName: spec.userName }));
      const requestId = spec.tags.find((tag) => tag.Key === REQUEST_ID_TAG)?.Value;
      const ours = User?.Tags?.some((tag) => tag.Key === REQUEST_ID_TAG && tag.Value === requestId);
      if (!User || !ours || User.PermissionsBoundary?.PermissionsBoundaryArn !== spec.permissionsBoundaryArn)
        throw error;
      return User.Arn!;
    }
  }

  private async putPolicy(iam: IAMClient, spec: KeyUserSpec) {
    await iam.send(
      new PutUserPolicyCommand({
        UserName: spec.userName,
        PolicyName: spec.policyName,
        PolicyDocument: JSON.stringify(spec.policy),
      }),
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
