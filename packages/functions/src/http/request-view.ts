import {
  askedOfApprovers,
  type BrokerConfig,
  displayNameOf,
  formatDuration,
  type GrantRecord,
  grantAccounts,
  grantRoleArn,
  pendingDecision,
  publicView,
  type Visibility,
} from '@access-broker/core';
import { awsCliProfile, type ProfileWindow } from './aws-cli-profile';
import type { Links, RequestSummary, RequestView } from './response-schemas';

/**
 * A request as the API shows it. The grant appears only while it is ACTIVE; its External ID and the CLI
 * profile that carries it only to viewers who may see credentials (`visibility` full). A vendor's own External
 * ID is never shown to anyone: the vendor has it already, and the filer hands over the role ARN and the
 * vendor's name (the profile says where the vendor puts its own).
 */
export function requestView(
  record: GrantRecord,
  visibility: Exclude<Visibility, 'none'>,
  config: BrokerConfig,
  now: Date,
): RequestView {
  const credentials = visibility === 'full';
  const region = config.broker.region;
  const { durationSeconds, extension, ...rest } = publicView(record);
  const names = displayNames(record, config);
  const asked = askedOfApprovers(record, config);
  const window = (expiresAt: string): ProfileWindow => ({ expiresAt, now, region });
  return {
    ...rest,
    ...(Object.keys(names).length ? { displayNames: names } : {}),
    ...(asked ? { pendingDecision: asked } : {}),
    duration: formatDuration(durationSeconds),
    ...(extension
      ? { extension: { ...extension, duration: formatDuration(extension.durationSeconds) } }
      : {}),
    links: links(record.id),
    ...(record.status === 'ACTIVE' && record.roleArn && record.expiresAt
      ? {
          grant: {
            roleArn: record.roleArn,
            expiresAt: record.expiresAt,
            usableFrom: record.usableFrom,
            ...(credentials ? credentialsOf(record, record.roleArn, window(record.expiresAt)) : {}),
            ...(record.targetAccountIds
              ? { roles: grantRoles(record, credentials, window(record.expiresAt)) }
              : {}),
          },
        }
      : {}),
  };
}

/**
 * The display names of the people the request names, keyed by how it names them (`decision.by`,
 * `revocation.by`, an approval's `by`, `extension.requestedBy`, `createdBy`, `requester.id`), so clients show
 * people, not ids.
 */
function displayNames(record: GrantRecord, config: Pick<BrokerConfig, 'people'>): Record<string, string> {
  const approvals = [...record.approvals, ...(record.extension?.approvals ?? [])];
  const named: [key: string, actor: string][] = [
    [record.createdBy, record.createdBy],
    ...(record.requester.person ? [[record.requester.id, record.requester.person] as [string, string]] : []),
    ...[record.decision?.by, record.revocation?.by, record.extension?.requestedBy]
      .filter((actor): actor is string => actor !== undefined)
      .map((actor): [string, string] => [actor, actor]),
    ...approvals.map((approval): [string, string] => [approval.by, `${approval.channel}:${approval.by}`]),
  ];
  const names: Record<string, string> = {};
  for (const [key, actor] of named) {
    const name = displayNameOf(config, actor);
    if (name !== actor) names[key] = name;
  }
  return names;
}

function credentialsOf(record: GrantRecord, roleArn: string, window: ProfileWindow) {
  if (record.externalIdSource === 'vendor')
    return { awsCliProfile: awsCliProfile(record.id, roleArn, VENDOR_EXTERNAL_ID_PLACEHOLDER, window) };
  return {
    externalId: record.externalId,
    awsCliProfile: awsCliProfile(record.id, roleArn, record.externalId, window),
  };
}

/**
 * An organization-wide grant's role in each account, with a profile per account (named for the account) when
 * the viewer may see credentials: the same External ID in every one, or the vendor's placeholder.
 */
export function grantRoles(record: GrantRecord, withProfiles: boolean, window: ProfileWindow) {
  const externalId =
    record.externalIdSource === 'vendor' ? VENDOR_EXTERNAL_ID_PLACEHOLDER : record.externalId;
  return grantAccounts(record).map((accountId) => {
    const roleArn = grantRoleArn(record.principal.partition, accountId, record.roleName!);
    return {
      accountId,
      roleArn,
      ...(withProfiles
        ? { awsCliProfile: awsCliProfile(`${record.id}-${accountId}`, roleArn, externalId, window) }
        : {}),
    };
  });
}

/** Where a vendor's own External ID goes in the profile the vendor pastes: the broker never repeats it. */
export const VENDOR_EXTERNAL_ID_PLACEHOLDER = '<your External ID for this company>';

export function requestSummary(record: GrantRecord): RequestSummary {
  const awaiting = pendingDecision(record);
  return {
    id: record.id,
    status: record.status,
    principal: record.principal.arn,
    ...(record.vendor ? { vendor: record.vendor.id } : {}),
    ...(awaiting ? { awaiting } : {}),
    targetAccountId: record.targetAccountId,
    profile: record.profile ?? 'custom-policy',
    requester: record.requester.id,
    createdAt: record.createdAt,
    ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
    links: links(record.id),
  };
}

export function links(id: string): Links {
  return {
    self: `/v1/requests/${id}`,
    decision: `/v1/requests/${id}/decision`,
    extend: `/v1/requests/${id}/extend`,
    revoke: `/v1/requests/${id}/revoke`,
    audit: `/v1/requests/${id}/audit`,
  };
}
