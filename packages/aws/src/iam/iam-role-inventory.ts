import { GetRoleCommand, paginateListRoles } from '@aws-sdk/client-iam';
import type { ListedRole, RoleInventory } from '@access-broker/core';
import type { IamClientSource } from './iam-role-provisioner';

/**
 * Every role of an account, read through IAM itself (ListRoles carries each trust policy), so the inventory
 * works wherever the broker reaches, locally included, with or without IAM Access Analyzer.
 */
export class IamRoleInventory implements RoleInventory {
  constructor(private readonly clients: IamClientSource) {}

  async listRoles(accountId: string): Promise<ListedRole[]> {
    const roles: ListedRole[] = [];
    for await (const page of paginateListRoles({ client: this.clients.clientFor(accountId) }, {})) {
      for (const role of page.Roles ?? [])
        roles.push({
          roleName: role.RoleName!,
          arn: role.Arn!,
          path: role.Path ?? '/',
          // IAM answers the document URL-encoded.
          trustPolicy: decodeURIComponent(role.AssumeRolePolicyDocument ?? ''),
          createdAt: (role.CreateDate ?? new Date(0)).toISOString(),
        });
    }
    return roles;
  }

  /** ListRoles leaves RoleLastUsed out: GetRole has it. */
  async lastUsed(accountId: string, roleName: string): Promise<string | undefined> {
    const { Role } = await this.clients.clientFor(accountId).send(new GetRoleCommand({ RoleName: roleName }));
    return Role?.RoleLastUsed?.LastUsedDate?.toISOString();
  }
}
