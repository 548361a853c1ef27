// The public surface of @access-broker/core, by feature: everything else is private to the package.

// Errors
export {
  AlreadyDecidedError,
  AuthenticationError,
  BrokerError,
  ConfigError,
  GrantConflictError,
  IdempotencyConflictError,
  IllegalTransitionError,
  NotAllowedError,
  ProvisioningError,
  QuotaExceededError,
  ReconcileIncompleteError,
  RequestNotFoundError,
  TeardownError,
  ValidationError,
  VendorConflictError,
  VendorSuspendedError,
  VendorNotFoundError,
} from './errors';
export type { FieldIssue } from './errors';

// What a use case is given
export type { BrokerContext } from './context/broker-context';
export { systemClock } from './context/clock';
export { ulidGenerator } from './context/id-generator';

// Config
export { APPROVAL_CHANNELS, brokerConfigSchema } from './config/config-schema';
export type { ApprovalRule, BrokerConfig } from './config/config-schema';
export { loadConfig, zodIssues } from './config/load-config';
export { oidcSchema } from './config/oidc-config';
export type { OidcConfig } from './config/oidc-config';
export { SCOPES } from './config/scopes';
export type { Scope } from './config/scopes';

// Identity: who a caller or a name is
export type { Caller } from './identity/caller';
export {
  displayNameOf,
  oidcMachineActor,
  oidcPersonActor,
  personOfActor,
  personOfRecordedActor,
} from './identity/resolve-person';

// Requests: filing, the record, its lifecycle
export { accessRequestBodySchema } from './requests/access-request-schema';
export { createRequest, workflowInput } from './requests/create-request';
export { describeDuration, durationSeconds, formatDuration } from './requests/duration';
export { GRANT_STATUSES, isTerminal } from './requests/grant-status';
export type { GrantStatus } from './requests/grant-status';
export type { GrantStore, IdempotencyClaim, Page } from './requests/grant-store';
export { loadRequest } from './requests/load-request';
export { matchesFilter } from './requests/request-filter';
export { PARTITIONS } from './requests/principal';
export { AUDIT_ACTIONS, publicView, REVOKE_REASONS } from './requests/request-record';
export type { Approval, AuditEntry, GrantRecord } from './requests/request-record';

// Approval: who decides, the workflow steps
export type { ApprovalNotifier } from './approval/approval-notifier';
export { awaitDecision } from './approval/await-decision';
export { checkDecision } from './approval/check-decision';
export { decisionOutput } from './approval/decision-output';
export { evaluateRequest } from './approval/evaluate-request';
export { expireApproval } from './approval/expire-approval';
export { askedOfApprovers } from './approval/asked-of-approvers';
export { decisionRound, pendingDecision } from './approval/pending-decision';
export { inApproverGroup } from './approval/people';
export { recordDecision } from './approval/record-decision';
export { mayChange, visibilityOf } from './approval/visibility';
export type { Visibility } from './approval/visibility';
export type { Workflow, WorkflowInput } from './approval/workflow';

// Grants: provision, extend, end, sweep
export { expireGrant, failProvisioning, revokeGrant } from './grants/end/end-grant';
export type { ExpiryScheduler } from './grants/expiry-scheduler';
export { extensionBodySchema, requestExtension } from './grants/extend/extend-grant';
export { grantRoleSpec } from './grants/grant-role-spec';
export { provisionGrant } from './grants/provision/provision-grant';
export type { NewAccessKey, ExistingGrantRole, GrantRole, RoleProvisioner } from './grants/role-provisioner';
export { REQUEST_ID_TAG, requestIdFromRoleName, ROLE_PATH, roleNameFor } from './grants/role-spec';
export { grantAccounts, grantRoleArn } from './grants/grant-accounts';
export { buildKeyUserBoundary, keyUserBoundaryName } from './grants/key-user';
export type { KeyUserSpec } from './grants/key-user';
export type { RoleSpec } from './grants/role-spec';
export { reconcileOrphans } from './grants/sweep/reconcile-orphans';
export { remindExpiringGrants } from './grants/sweep/remind-expiring';
export { sweepDueGrants } from './grants/sweep/sweep-due-grants';

// Policies: guardrails and the documents a grant role gets
export { buildBrokerIamPolicy } from './policy/broker-iam-policy';
export { iamDataCatalog } from './policy/iam-action-catalog';
export { buildPermissionPolicy, GRANT_POLICY_NAME } from './policy/permission-policy';
export { buildPermissionsBoundary } from './policy/permissions-boundary';
export { buildSessionRevokePolicy } from './policy/session-revoke-policy';
export { buildTrustPolicy } from './policy/trust-policy';

// Vendors
export { registerVendor } from './vendors/register-vendor';
export type { VendorChange, VendorStore } from './vendors/vendor-store';
export { finishSuspensions, resumeVendor, suspendVendor } from './vendors/suspend-vendor';
export type { Suspension } from './vendors/suspend-vendor';
export { VENDOR_ID, vendorBodySchema } from './vendors/vendor';
export type { Vendor, VendorSuspension } from './vendors/vendor';

// Inventory: third-party access the broker did not grant
export { externalAccessInventory } from './inventory/external-access';
export type { AccountExternalAccess, ExternallyAssumableRole } from './inventory/external-access';
export type { ListedRole, RoleInventory } from './inventory/role-inventory';

// Activity: what a grant was used for
export { activitySummary } from './activity/activity-record';
export type { ActivityRecord, ActivitySummary } from './activity/activity-record';
export type { ActivityStore } from './activity/activity-store';
export { CLOUDTRAIL_DETAIL_TYPE, recordActivity } from './activity/record-activity';
export type { CloudTrailEvent } from './activity/record-activity';

// Events
export {
  brokerEventDetailSchema,
  EVENT_DETAIL_TYPES,
  EVENT_SOURCE,
  eventFromAudit,
} from './events/broker-events';
export type { BrokerEvent } from './events/broker-events';
export type { EventPublisher } from './events/event-publisher';
export {
  eventFromVendorChange,
  VENDOR_EVENT_DETAIL_TYPES,
  vendorEventDetailSchema,
} from './events/vendor-events';
export type { VendorEvent } from './events/vendor-events';

// Egress: where the broker may send
export { addressIssue, outboundUrlIssue } from './egress/outbound-url';
export type { EgressPolicy } from './egress/outbound-url';
