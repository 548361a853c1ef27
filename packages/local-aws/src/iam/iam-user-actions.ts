import { randomBytes } from 'node:crypto';
import { authorize } from './authorize';
import { type ActionContext, boundaryXml } from './iam-actions';
import type { LocalIamUser } from './iam-state';
import { parsePolicyDocument, validatePath, validateTags } from './iam-validation';
import { memberList, members, QueryError, required } from '../protocol/query-protocol';

type Handler = (ctx: ActionContext) => Promise<Record<string, unknown> | undefined>;

/** IAM allows two access keys per user. */
const KEYS_PER_USER = 2;

/**
 * The user actions the access-key fallback calls (iam-key-users.ts), authorized like every other call, with
 * IAM's errors: a user with keys or policies cannot be deleted, a third key is refused, an inactive key
 * authenticates nothing (identify-caller.ts).
 */
export const IAM_USER_ACTIONS: Record<string, Handler> = {
  async CreateUser({ state, caller, params, now }) {
    const userName = validUserName(required(params, 'UserName'));
    const path = params.get('Path') ?? '/';
    validatePath(path);
    const accountId = caller.accountId;
    const arn = `arn:aws:iam::${accountId}:user${path}${userName}`;
    const boundaryArn = params.get('PermissionsBoundary') ?? undefined;
    const context: Record<string, string> = boundaryArn ? { 'iam:PermissionsBoundary': boundaryArn } : {};
    const request = { resource: arn, resourceAccount: accountId, context };
    await authorize(state, caller, { action: 'iam:CreateUser', ...request }, now);
    if (state.iamUser(accountId, userName))
      throw new QueryError(409, 'EntityAlreadyExists', `User with name ${userName} already exists.`);
    if (boundaryArn && !state.policies.has(boundaryArn))
      throw new QueryError(
        404,
        'NoSuchEntity',
        `Scope ARN: ${boundaryArn} does not exist or is not attachable.`,
      );
    const tags = memberList(params, 'Tags') as { Key: string; Value: string }[];
    validateTags(tags);
    if (tags.length > 0) await authorize(state, caller, { action: 'iam:TagUser', ...request }, now);
    const user: LocalIamUser = {
      accountId,
      userName,
      userId: `AIDA${randomBytes(8).toString('hex').toUpperCase()}`,
      path,
      arn,
      createDate: now.toISOString(),
      ...(boundaryArn ? { boundaryArn } : {}),
      tags,
      inlinePolicies: {},
    };
    state.putIamUser(user);
    return { User: userXml(user, true) };
  },

  async GetUser(ctx) {
    return { User: userXml(await userFor(ctx, 'iam:GetUser'), true) };
  },

  async ListUsers({ state, caller, params, now }) {
    await authorize(
      state,
      caller,
      { action: 'iam:ListUsers', resource: '*', resourceAccount: caller.accountId },
      now,
    );
    const prefix = params.get('PathPrefix') ?? '/';
    const users = [...state.iamUsers.values()].filter(
      (user) => user.accountId === caller.accountId && user.path.startsWith(prefix),
    );
    return { Users: members(users.map((user) => userXml(user, false))), IsTruncated: false };
  },

  async PutUserPolicy(ctx) {
    const user = await userFor(ctx, 'iam:PutUserPolicy');
    const document = required(ctx.params, 'PolicyDocument');
    parsePolicyDocument(document);
    ctx.state.putIamUser({
      ...user,
      inlinePolicies: { ...user.inlinePolicies, [required(ctx.params, 'PolicyName')]: document },
    });
    return undefined;
  },

  async DeleteUserPolicy(ctx) {
    const user = await userFor(ctx, 'iam:DeleteUserPolicy');
    const name = required(ctx.params, 'PolicyName');
    if (!(name in user.inlinePolicies))
      throw new QueryError(404, 'NoSuchEntity', `The user policy with name ${name} cannot be found.`);
    const { [name]: _removed, ...rest } = user.inlinePolicies;
    ctx.state.putIamUser({ ...user, inlinePolicies: rest });
    return undefined;
  },

  async ListUserPolicies(ctx) {
    const user = await userFor(ctx, 'iam:ListUserPolicies');
    return { PolicyNames: members(Object.keys(user.inlinePolicies)), IsTruncated: false };
  },

  async CreateAccessKey(ctx) {
    const user = await userFor(ctx, 'iam:CreateAccessKey');
    if (ctx.state.keysOf(user).length >= KEYS_PER_USER)
      throw new QueryError(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2');
    const key = {
      arn: user.arn,
      accountId: user.accountId,
      accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      policies: [],
      userName: user.userName,
      status: 'Active' as const,
      createDate: ctx.now.toISOString(),
    };
    ctx.state.putUser(key);
    return {
      AccessKey: {
        UserName: user.userName,
        AccessKeyId: key.accessKeyId,
        Status: 'Active',
        SecretAccessKey: key.secretAccessKey,
        CreateDate: key.createDate,
      },
    };
  },

  async ListAccessKeys(ctx) {
    const user = await userFor(ctx, 'iam:ListAccessKeys');
    const keys = ctx.state.keysOf(user).map((key) => ({
      UserName: user.userName,
      AccessKeyId: key.accessKeyId,
      Status: key.status ?? 'Active',
      CreateDate: key.createDate,
    }));
    return { AccessKeyMetadata: members(keys), IsTruncated: false };
  },

  async UpdateAccessKey(ctx) {
    const user = await userFor(ctx, 'iam:UpdateAccessKey');
    const key = keyOf(ctx, user);
    const status = required(ctx.params, 'Status');
    if (status !== 'Active' && status !== 'Inactive')
      throw new QueryError(
        400,
        'ValidationError',
        `Value '${status}' at 'status' failed to satisfy constraint`,
      );
    ctx.state.putUser({ ...key, status });
    return undefined;
  },

  async DeleteAccessKey(ctx) {
    const user = await userFor(ctx, 'iam:DeleteAccessKey');
    ctx.state.deleteUser(keyOf(ctx, user).accessKeyId);
    return undefined;
  },

  async DeleteUser(ctx) {
    const user = await userFor(ctx, 'iam:DeleteUser');
    if (Object.keys(user.inlinePolicies).length > 0 || ctx.state.keysOf(user).length > 0)
      throw new QueryError(
        409,
        'DeleteConflict',
        'Cannot delete entity, must delete policies and keys first.',
      );
    ctx.state.deleteIamUser(user);
    return undefined;
  },
};

function validUserName(userName: string): string {
  if (/^[\w+=,.@-]{1,64}$/.test(userName)) return userName;
  throw new QueryError(
    400,
    'ValidationError',
    `Value '${userName}' at 'userName' failed to satisfy constraint`,
  );
}

/** As for roles: a missing user is authorized against its path-less ARN, so a scoped caller is refused. */
async function userFor({ state, caller, params, now }: ActionContext, action: string): Promise<LocalIamUser> {
  const userName = validUserName(required(params, 'UserName'));
  const user = state.iamUser(caller.accountId, userName);
  const resource = user?.arn ?? `arn:aws:iam::${caller.accountId}:user/${userName}`;
  await authorize(state, caller, { action, resource, resourceAccount: caller.accountId }, now);
  if (!user) throw new QueryError(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`);
  return user;
}

function keyOf({ state, params }: ActionContext, user: LocalIamUser) {
  const accessKeyId = required(params, 'AccessKeyId');
  const key = state.keysOf(user).find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!key)
    throw new QueryError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
  return key;
}

function userXml(user: LocalIamUser, detailed: boolean): Record<string, unknown> {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createDate,
    ...(detailed ? boundaryXml(user.boundaryArn) : {}),
    ...(detailed ? { Tags: members(user.tags) } : {}),
  };
}
