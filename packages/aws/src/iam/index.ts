// The IAM adapters: grant roles, the inventory of every role, and the clients that reach each target account.
export { TargetAccountIamClients } from './iam-clients';
export { IamRoleInventory } from './iam-role-inventory';
export { IamRoleProvisioner } from './iam-role-provisioner';
