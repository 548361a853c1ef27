import type { BrokerConfig } from '../config/config-schema';
import type { GrantRecord } from '../requests/request-record';
import { grantRoleArn } from './grant-accounts';
import { ROLE_PATH, roleNameFor, roleTags } from './role-spec';

// The access-key fallback, for a vendor that cannot assume a role: an IAM user per grant, under the broker's
// path, whose only right is sts:AssumeRole on that grant's role (until its expiry), capped by a boundary that
// allows nothing else, with one access key. The role trusts exactly this user, with the External ID.

/** The key user of a grant: the role's name, in the user namespace. */
export const keyUserName = (requestId: string) => roleNameFor(requestId);

export function keyUserArn(partition: string, accountId: string, requestId: string): string {
  return `arn:${partition}:iam::${accountId}:user${ROLE_PATH}${keyUserName(requestId)}`;
}

/** The boundary every key user gets: sts:AssumeRole on grant roles, nothing more (the stack makes it). */
export const keyUserBoundaryName = (config: Pick<BrokerConfig, 'broker'>, permissionsBoundaryName?: string) =>
  `${permissionsBoundaryName ?? config.broker.permissionsBoundaryName}-key-user`;

export function buildKeyUserBoundary(partition: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OnlyAssumeGrantRoles',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: `arn:${partition}:iam::*:role${ROLE_PATH}*`,
      },
    ],
  };
}

export interface KeyUserSpec {
  userName: string;
  path: typeof ROLE_PATH;
  permissionsBoundaryArn: string;
  policyName: string;
  /** sts:AssumeRole on the grant's role only, and only until the grant's expiry. */
  policy: Record<string, unknown>;
  tags: { Key: string; Value: string }[];
}

export function keyUserSpec(
  record: GrantRecord & { roleName: string; expiresAt: string },
  config: BrokerConfig,
): KeyUserSpec {
  const { partition } = config.broker;
  const account = record.targetAccountId;
  return {
    userName: keyUserName(record.id),
    path: ROLE_PATH,
    permissionsBoundaryArn: `arn:${partition}:iam::${account}:policy${ROLE_PATH}${keyUserBoundaryName(config)}`,
    policyName: 'assume-grant-role',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: grantRoleArn(partition, account, record.roleName),
          Condition: { DateLessThan: { 'aws:CurrentTime': record.expiresAt } },
        },
      ],
    },
    tags: roleTags({
      requestId: record.id,
      expiresAt: new Date(record.expiresAt),
      principal: record.principal,
      requesterId: record.requester.id,
      ticketKey: record.ticket?.key,
    }),
  };
}
