import type { GrantRecord } from '../requests/request-record';
import { ROLE_PATH } from './role-spec';

/**
 * Every account a grant's role lives in: its one target account, or each account an organization-wide request
 * named (the first is `targetAccountId`). One role per account, the same name, trust and External ID in each.
 */
export function grantAccounts(record: Pick<GrantRecord, 'targetAccountId' | 'targetAccountIds'>): string[] {
  return record.targetAccountIds ?? [record.targetAccountId];
}

/** The grant's role in one of its accounts: the same path and name everywhere, so its ARN follows. */
export function grantRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role${ROLE_PATH}${roleName}`;
}
