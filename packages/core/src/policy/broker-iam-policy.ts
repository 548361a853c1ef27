import type { IamPolicy } from './policy-document';

export interface BrokerIamPolicyInput {
  partition: string;
  accountId: string;
  boundaryArn: string;
  /** The managed policies the config's profiles name: the only ones the broker may attach. */
  managedPolicyArns: readonly string[];
  /**
   * A spoke's provisioner role also serves the external access inventory: GetRole (read-only) on every role
   * of its account, for the role's last use. The home account's provisioning functions never get it.
   */
  readEveryRole?: boolean;
  /** Access-key vendors are on (config `accessKeyVendors`): key users under the path, with their boundary. */
  keyUsers?: boolean;
}

// What the adapter calls on a key user (iam-key-users.ts), and nothing more.
const KEY_USER_ACTIONS = [
  'iam:GetUser',
  'iam:TagUser',
  'iam:PutUserPolicy',
  'iam:DeleteUserPolicy',
  'iam:ListUserPolicies',
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:DeleteAccessKey',
  'iam:ListAccessKeys',
  'iam:DeleteUser',
];

// What the adapter calls on a grant role, and nothing more (iam:TagRole: CreateRole with tags needs it).
const GRANT_ROLE_ACTIONS = [
  'iam:GetRole',
  'iam:TagRole',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:UpdateAssumeRolePolicy',
  'iam:DeleteRole',
];

/**
 * What the broker itself may do in IAM, in any account it provisions into (deployed by the stack, enforced
 * by the local IAM too): roles only under `/access-broker/`, created only with the boundary, only the
 * profiles' managed policies attached, and the boundary itself never changed or removed.
 */
export function buildBrokerIamPolicy({
  partition,
  accountId,
  boundaryArn,
  managedPolicyArns,
  readEveryRole = false,
  keyUsers = false,
}: BrokerIamPolicyInput): IamPolicy {
  const grantRoles = `arn:${partition}:iam::${accountId}:role/access-broker/*`;
  const statements: Record<string, unknown>[] = [
    {
      Sid: 'CreateGrantRolesOnlyWithTheBoundary',
      Effect: 'Allow',
      Action: 'iam:CreateRole',
      Resource: grantRoles,
      Condition: { StringEquals: { 'iam:PermissionsBoundary': boundaryArn } },
    },
    { Sid: 'ManageGrantRoles', Effect: 'Allow', Action: GRANT_ROLE_ACTIONS, Resource: grantRoles },
    // Neither has resource-level permissions: the reconciler filters ListRoles by path itself, and
    // GetAccountSummary gives admission the account's role count and quota.
    {
      Sid: 'ReadRoleInventory',
      Effect: 'Allow',
      Action: ['iam:ListRoles', 'iam:GetAccountSummary'],
      Resource: '*',
    },
    {
      Sid: 'NeverLoosenTheBoundary',
      Effect: 'Deny',
      Action: [
        'iam:DeleteRolePermissionsBoundary',
        'iam:PutRolePermissionsBoundary',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:SetDefaultPolicyVersion',
      ],
      Resource: [boundaryArn, grantRoles],
    },
  ];
  if (keyUsers) statements.push(...keyUserStatements(partition, accountId, boundaryArn));
  if (readEveryRole)
    statements.push({
      Sid: 'ReadEveryRolesLastUse',
      Effect: 'Allow',
      Action: 'iam:GetRole',
      Resource: `arn:${partition}:iam::${accountId}:role/*`,
    });
  if (managedPolicyArns.length > 0) {
    statements.splice(2, 0, {
      Sid: 'AttachOnlyProfilePolicies',
      Effect: 'Allow',
      Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      Resource: grantRoles,
      Condition: { ArnEquals: { 'iam:PolicyARN': [...managedPolicyArns] } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * Key users exactly like grant roles: only under the path, created only with their own boundary (which allows
 * sts:AssumeRole on grant roles and nothing else), and that boundary never removed or replaced.
 */
function keyUserStatements(partition: string, accountId: string, boundaryArn: string) {
  const keyUsers = `arn:${partition}:iam::${accountId}:user/access-broker/*`;
  const keyUserBoundaryArn = `${boundaryArn}-key-user`;
  return [
    {
      Sid: 'CreateKeyUsersOnlyWithTheirBoundary',
      Effect: 'Allow',
      Action: 'iam:CreateUser',
      Resource: keyUsers,
      Condition: { StringEquals: { 'iam:PermissionsBoundary': keyUserBoundaryArn } },
    },
    { Sid: 'ManageKeyUsers', Effect: 'Allow', Action: KEY_USER_ACTIONS, Resource: keyUsers },
    // ListUsers has no resource-level permissions: the reconciler filters by path itself.
    { Sid: 'ListKeyUsers', Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' },
    {
      Sid: 'NeverLoosenTheKeyUserBoundary',
      Effect: 'Deny',
      Action: ['iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary'],
      Resource: keyUsers,
    },
  ];
}
