type Case = [what: string, action: string, resource: string, context: Record<string, string>];

/**
 * What the broker's IAM policy must allow and deny, checked on the policy core builds and again on the
 * policy the stack synthesizes: the same guarantees at both levels.
 */
export function brokerPolicyCases({ grantRole, boundaryArn }: { grantRole: string; boundaryArn: string }): {
  allowed: Case[];
  denied: Case[];
} {
  const account = grantRole.split(':')[4]!;
  return {
    allowed: [
      [
        'CreateRole with the boundary',
        'iam:CreateRole',
        grantRole,
        { 'iam:PermissionsBoundary': boundaryArn },
      ],
      ['PutRolePolicy on a grant role', 'iam:PutRolePolicy', grantRole, {}],
      [
        'AttachRolePolicy of a profile policy',
        'iam:AttachRolePolicy',
        grantRole,
        { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/SecurityAudit' },
      ],
      ['DeleteRolePolicy during teardown', 'iam:DeleteRolePolicy', grantRole, {}],
      ['DeleteRole during teardown', 'iam:DeleteRole', grantRole, {}],
    ],
    denied: [
      ['CreateRole without the boundary', 'iam:CreateRole', grantRole, {}],
      [
        'CreateRole with another boundary',
        'iam:CreateRole',
        grantRole,
        { 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
      [
        'CreateRole on another path',
        'iam:CreateRole',
        `arn:aws:iam::${account}:role/admin`,
        { 'iam:PermissionsBoundary': boundaryArn },
      ],
      [
        'DeleteRole outside /access-broker/',
        'iam:DeleteRole',
        `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`,
        {},
      ],
      [
        'attaching AdministratorAccess',
        'iam:AttachRolePolicy',
        grantRole,
        { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
      ['removing a grant role boundary', 'iam:DeleteRolePermissionsBoundary', grantRole, {}],
      ['editing the boundary policy', 'iam:CreatePolicyVersion', boundaryArn, {}],
      ['deleting the boundary policy', 'iam:DeletePolicy', boundaryArn, {}],
      ['creating a user', 'iam:CreateUser', `arn:aws:iam::${account}:user/backdoor`, {}],
    ],
  };
}
