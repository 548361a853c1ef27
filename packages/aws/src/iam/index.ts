// The IAM adapters: grant roles, and the clients that reach each target account.
export { TargetAccountIamClients } from './iam-clients';
export { IamRoleProvisioner } from './iam-role-provisioner';
