import {
  formatDuration,
  type GrantRecord,
  grantAccounts,
  grantRoleArn,
  publicView,
  type Visibility,
} from '@access-broker/core';
import type { Links, RequestSummary, RequestView } from './response-schemas';

/**
 * A request as the API shows it. The grant appears only while it is ACTIVE; its External ID and the CLI
 * profile that carries it only to viewers who may see credentials (`visibility` full). A vendor's own External
 * ID is never shown to anyone: the vendor has it already, and the filer hands over the role ARN and the
 * vendor's name (the profile says where the vendor puts its own).
 */
export function requestView(
  record: GrantRecord,
  visibility: Exclude<Visibility, 'none'> = 'redacted',
  region?: string,
): RequestView {
  const credentials = visibility === 'full';
  const { durationSeconds, extension, ...rest } = publicView(record);
  return {
    ...rest,
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
            ...(credentials ? credentialsOf(record, record.roleArn, region) : {}),
            ...(record.targetAccountIds ? { roles: grantRoles(record, credentials, region) } : {}),
          },
        }
      : {}),
  };
}

function credentialsOf(record: GrantRecord, roleArn: string, region: string | undefined) {
  if (record.externalIdSource === 'vendor')
    return { awsCliProfile: awsCliProfile(record.id, roleArn, VENDOR_EXTERNAL_ID_PLACEHOLDER, region) };
  return {
    externalId: record.externalId,
    awsCliProfile: awsCliProfile(record.id, roleArn, record.externalId, region),
  };
}

/**
 * An organization-wide grant's role in each account, with a profile per account (named for the account) when
 * the viewer may see credentials: the same External ID in every one, or the vendor's placeholder.
 */
export function grantRoles(record: GrantRecord, withProfiles: boolean, region: string | undefined) {
  const externalId =
    record.externalIdSource === 'vendor' ? VENDOR_EXTERNAL_ID_PLACEHOLDER : record.externalId;
  return grantAccounts(record).map((accountId) => {
    const roleArn = grantRoleArn(record.principal.partition, accountId, record.roleName!);
    return {
      accountId,
      roleArn,
      ...(withProfiles
        ? { awsCliProfile: awsCliProfile(`${record.id}-${accountId}`, roleArn, externalId, region) }
        : {}),
    };
  });
}

/** Where a vendor's own External ID goes in the profile the vendor pastes: the broker never repeats it. */
export const VENDOR_EXTERNAL_ID_PLACEHOLDER = '<your External ID for this company>';

export function requestSummary(record: GrantRecord): RequestSummary {
  return {
    id: record.id,
    status: record.status,
    principal: record.principal.arn,
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

/**
 * The `~/.aws/config` profile the third party pastes; `source_profile` names their own credentials. It names
 * the broker's region, since the AWS CLI refuses to run without one.
 */
export function awsCliProfile(id: string, roleArn: string, externalId: string, region?: string): string {
  return [
    `[profile access-broker-${id}]`,
    `role_arn = ${roleArn}`,
    `external_id = ${externalId}`,
    'source_profile = default',
    ...(region ? [`region = ${region}`] : []),
    'duration_seconds = 3600',
    '',
  ].join('\n');
}
