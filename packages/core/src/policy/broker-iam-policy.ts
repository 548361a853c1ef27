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
}

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
