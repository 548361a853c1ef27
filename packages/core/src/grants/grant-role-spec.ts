import type { BrokerConfig } from '../config/config-schema';
import type { GrantRecord } from '../requests/request-record';
import { buildPermissionPolicy, GRANT_POLICY_NAME } from '../policy/permission-policy';
import { buildTrustPolicy } from '../policy/trust-policy';
import { durationSeconds } from '../requests/duration';
import { ROLE_PATH, type RoleSpec, roleTags } from './role-spec';

/**
 * The role a grant needs in one of its accounts, built from the stored record once it has a name and an expiry
 * (the same in every account but the boundary's ARN, which is the account's own).
 */
export function grantRoleSpec(
  record: GrantRecord & { roleName: string; expiresAt: string },
  config: BrokerConfig,
  accountId: string,
): RoleSpec {
  const expiresAt = new Date(record.expiresAt);
  const { partition, permissionsBoundaryName } = config.broker;
  return {
    roleName: record.roleName,
    path: ROLE_PATH,
    trustPolicy: buildTrustPolicy({
      principalArn: record.principal.arn,
      externalId: record.externalId,
      expiresAt,
    }),
    inlinePolicyName: GRANT_POLICY_NAME,
    inlinePolicy: buildPermissionPolicy(record.statements, expiresAt),
    managedPolicyArns: record.managedPolicyArns,
    // The boundary lives in each target account at the same path (the spoke stack creates it there).
    permissionsBoundaryArn: `arn:${partition}:iam::${accountId}:policy${ROLE_PATH}${permissionsBoundaryName}`,
    maxSessionDurationSeconds: durationSeconds(config.limits.maxSessionDuration),
    description: `access-broker grant ${record.id} until ${record.expiresAt}`,
    tags: roleTags({
      requestId: record.id,
      expiresAt,
      principal: record.principal,
      requesterId: record.requester.id,
      ticketKey: record.ticket?.key,
    }),
  };
}
