import { randomBytes } from 'node:crypto';
import { authorize, type Caller } from './authorize';
import type { IamState, LocalRole } from './iam-state';
import {
  INLINE_POLICIES_AGGREGATE_LIMIT,
  MANAGED_POLICIES_PER_ROLE,
  parsePolicyDocument,
  policySize,
  TRUST_POLICY_LIMIT,
  validateMaxSessionDuration,
  validatePath,
  validateRoleName,
  validateTags,
} from './iam-validation';
import { memberList, members, QueryError, type QueryParams, required } from '../protocol/query-protocol';

export interface ActionContext {
  state: IamState;
  caller: Caller;
  params: QueryParams;
  now: Date;
}

type Handler = (ctx: ActionContext) => Promise<Record<string, unknown> | undefined>;

/** The IAM actions the broker's adapter calls, with IAM's validation, errors and response shapes. */
export const IAM_ACTIONS: Record<string, Handler> = {
  async CreateRole({ state, caller, params, now }) {
    const roleName = required(params, 'RoleName');
    validateRoleName(roleName);
    const path = params.get('Path') ?? '/';
    validatePath(path);
    const accountId = caller.accountId;
    const arn = `arn:aws:iam::${accountId}:role${path}${roleName}`;
    const boundaryArn = params.get('PermissionsBoundary') ?? undefined;
    await authorize(
      state,
      caller,
      {
        action: 'iam:CreateRole',
        resource: arn,
        resourceAccount: accountId,
        context: boundaryArn ? { 'iam:PermissionsBoundary': boundaryArn } : {},
      },
      now,
    );
    if (state.existingRole(accountId, roleName))
      throw new QueryError(409, 'EntityAlreadyExists', `Role with name ${roleName} already exists.`);
    const trustPolicy = required(params, 'AssumeRolePolicyDocument');
    validateTrustPolicy(state, trustPolicy);
    if (boundaryArn && !state.policies.has(boundaryArn))
      throw new QueryError(
        404,
        'NoSuchEntity',
        `Scope ARN: ${boundaryArn} does not exist or is not attachable.`,
      );
    const maxSessionDuration = Number(params.get('MaxSessionDuration') ?? 3600);
    validateMaxSessionDuration(maxSessionDuration);
    const tags = memberList(params, 'Tags') as { Key: string; Value: string }[];
    validateTags(tags);
    // As in AWS: creating a role with tags also needs iam:TagRole on it.
    if (tags.length > 0)
      await authorize(
        state,
        caller,
        { action: 'iam:TagRole', resource: arn, resourceAccount: accountId },
        now,
      );
    const description = params.get('Description') ?? undefined;
    const role: LocalRole = {
      accountId,
      roleName,
      roleId: `AROA${randomBytes(8).toString('hex').toUpperCase()}`,
      path,
      arn,
      createDate: now.toISOString(),
      trustPolicy,
      ...(description ? { description } : {}),
      maxSessionDuration,
      ...(boundaryArn ? { boundaryArn } : {}),
      tags,
      inlinePolicies: {},
      attachedPolicyArns: [],
    };
    state.putRole(role);
    return { Role: roleXml(role, true) };
  },

  async GetRole(ctx) {
    const role = await roleFor(ctx, 'iam:GetRole', {}, READ);
    return { Role: roleXml(role, true) };
  },

  async ListRoles({ state, caller, params, now }) {
    await authorize(
      state,
      caller,
      { action: 'iam:ListRoles', resource: '*', resourceAccount: caller.accountId },
      now,
    );
    const prefix = params.get('PathPrefix') ?? '/';
    const maxItems = Math.min(Number(params.get('MaxItems') ?? 100), 1000);
    const marker = params.get('Marker') ?? '';
    const all = [...state.roles.values()]
      .filter((role) => role.accountId === caller.accountId && role.path.startsWith(prefix))
      .filter((role) => state.visible(role, now))
      .sort((a, b) => (a.roleName < b.roleName ? -1 : 1))
      .filter((role) => role.roleName > marker);
    const page = all.slice(0, maxItems);
    const truncated = all.length > maxItems;
    return {
      Roles: members(page.map((role) => roleXml(role, false))),
      IsTruncated: truncated,
      ...(truncated ? { Marker: page.at(-1)!.roleName } : {}),
    };
  },

  /** Only the two entries the broker reads (admission): the account's roles and its role quota. */
  async GetAccountSummary({ state, caller, now }) {
    await authorize(
      state,
      caller,
      { action: 'iam:GetAccountSummary', resource: '*', resourceAccount: caller.accountId },
      now,
    );
    const roles = [...state.roles.values()].filter((role) => role.accountId === caller.accountId).length;
    return {
      SummaryMap: {
        entry: [
          { key: 'Roles', value: roles },
          { key: 'RolesQuota', value: state.roleQuota },
        ],
      },
    };
  },

  async UpdateAssumeRolePolicy(ctx) {
    const role = await roleFor(ctx, 'iam:UpdateAssumeRolePolicy');
    const document = required(ctx.params, 'PolicyDocument');
    validateTrustPolicy(ctx.state, document);
    role.trustPolicy = document;
    ctx.state.putRole(role);
    return undefined;
  },

  async PutRolePolicy(ctx) {
    const role = await roleFor(ctx, 'iam:PutRolePolicy');
    const name = required(ctx.params, 'PolicyName');
    const document = required(ctx.params, 'PolicyDocument');
    parsePolicyDocument(document);
    const others = Object.entries(role.inlinePolicies).filter(([existing]) => existing !== name);
    const aggregate = others.reduce((sum, [, doc]) => sum + policySize(doc), policySize(document));
    if (aggregate > INLINE_POLICIES_AGGREGATE_LIMIT) {
      throw new QueryError(
        409,
        'LimitExceeded',
        `Maximum policy size of ${INLINE_POLICIES_AGGREGATE_LIMIT} bytes exceeded for role ${role.roleName}`,
      );
    }
    role.inlinePolicies[name] = document;
    ctx.state.putRole(role);
    return undefined;
  },

  async DeleteRolePolicy(ctx) {
    const role = await roleFor(ctx, 'iam:DeleteRolePolicy');
    const name = required(ctx.params, 'PolicyName');
    if (role.inlinePolicies[name] === undefined)
      throw new QueryError(404, 'NoSuchEntity', `The role policy with name ${name} cannot be found.`);
    delete role.inlinePolicies[name];
    ctx.state.putRole(role);
    return undefined;
  },

  async ListRolePolicies(ctx) {
    const role = await roleFor(ctx, 'iam:ListRolePolicies', {}, READ);
    return { PolicyNames: members(Object.keys(role.inlinePolicies).sort()), IsTruncated: false };
  },

  async AttachRolePolicy(ctx) {
    const arn = required(ctx.params, 'PolicyArn');
    const role = await roleFor(ctx, 'iam:AttachRolePolicy', { 'iam:PolicyARN': arn });
    if (!ctx.state.policies.has(arn))
      throw new QueryError(404, 'NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
    if (!role.attachedPolicyArns.includes(arn)) {
      if (role.attachedPolicyArns.length >= MANAGED_POLICIES_PER_ROLE) {
        throw new QueryError(
          409,
          'LimitExceeded',
          `Cannot exceed quota for PoliciesPerRole: ${MANAGED_POLICIES_PER_ROLE}`,
        );
      }
      role.attachedPolicyArns.push(arn);
      ctx.state.putRole(role);
    }
    return undefined;
  },

  async DetachRolePolicy(ctx) {
    const arn = required(ctx.params, 'PolicyArn');
    const role = await roleFor(ctx, 'iam:DetachRolePolicy', { 'iam:PolicyARN': arn });
    if (!role.attachedPolicyArns.includes(arn))
      throw new QueryError(404, 'NoSuchEntity', `Policy ${arn} was not found.`);
    role.attachedPolicyArns = role.attachedPolicyArns.filter((attached) => attached !== arn);
    ctx.state.putRole(role);
    return undefined;
  },

  async ListAttachedRolePolicies(ctx) {
    const role = await roleFor(ctx, 'iam:ListAttachedRolePolicies', {}, READ);
    const attached = role.attachedPolicyArns.map((arn) => ({
      PolicyName: arn.split('/').pop(),
      PolicyArn: arn,
    }));
    return { AttachedPolicies: members(attached), IsTruncated: false };
  },

  async DeleteRole(ctx) {
    const role = await roleFor(ctx, 'iam:DeleteRole');
    if (Object.keys(role.inlinePolicies).length > 0 || role.attachedPolicyArns.length > 0) {
      throw new QueryError(409, 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
    }
    ctx.state.deleteRole(role);
    return undefined;
  },
};

/** Reads see IAM's propagated view (a new role may be missing for a while); writes find the role itself. */
const READ = { read: true };

async function roleFor(
  { state, caller, params, now }: ActionContext,
  action: string,
  context: Record<string, string> = {},
  { read } = { read: false },
): Promise<LocalRole> {
  const roleName = required(params, 'RoleName');
  validateRoleName(roleName);
  const role = read
    ? state.role(caller.accountId, roleName, now)
    : state.existingRole(caller.accountId, roleName);
  const resource = role?.arn ?? `arn:aws:iam::${caller.accountId}:role/${roleName}`;
  const boundary: Record<string, string> = role?.boundaryArn
    ? { 'iam:PermissionsBoundary': role.boundaryArn }
    : {};
  await authorize(
    state,
    caller,
    { action, resource, resourceAccount: caller.accountId, context: { ...boundary, ...context } },
    now,
  );
  if (!role) throw new QueryError(404, 'NoSuchEntity', `The role with name ${roleName} cannot be found.`);
  return role;
}

/** IAM checks a trust policy's size and that every named role or user principal exists. */
function validateTrustPolicy(state: IamState, document: string) {
  const { Statement } = parsePolicyDocument(document);
  if (policySize(document) > TRUST_POLICY_LIMIT)
    throw new QueryError(
      409,
      'LimitExceeded',
      `Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_LIMIT}`,
    );
  for (const statement of Statement) {
    const principal = (statement.Principal as { AWS?: string | string[] } | undefined)?.AWS;
    for (const arn of principal === undefined ? [] : [principal].flat()) {
      const known =
        /^\d{12}$|^arn:[\w-]+:iam::\d{12}:root$/.test(arn) ||
        state.roleByArn(arn) ||
        [...state.users.values()].some((user) => user.arn === arn) ||
        [...state.iamUsers.values()].some((user) => user.arn === arn);
      if (!known)
        throw new QueryError(400, 'MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${arn}"`);
    }
  }
}

function roleXml(role: LocalRole, detailed: boolean): Record<string, unknown> {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeURIComponent(role.trustPolicy),
    ...(role.description ? { Description: role.description } : {}),
    MaxSessionDuration: role.maxSessionDuration,
    ...(detailed ? boundaryXml(role.boundaryArn) : {}),
    ...(detailed ? { Tags: members(role.tags) } : {}),
    // As in AWS: GetRole carries RoleLastUsed (empty when never used), ListRoles does not.
    ...(detailed
      ? {
          RoleLastUsed: role.lastUsed ? { LastUsedDate: role.lastUsed.at, Region: role.lastUsed.region } : {},
        }
      : {}),
  };
}

/** A role's or user's permissions boundary, as GetRole and GetUser show it. */
export function boundaryXml(boundaryArn: string | undefined): Record<string, unknown> {
  return boundaryArn
    ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundaryArn } }
    : {};
}
