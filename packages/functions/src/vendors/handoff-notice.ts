import type { GrantRecord } from '@access-broker/core';
import { awsCliProfile } from '../http/aws-cli-profile';
import { grantRoles, VENDOR_EXTERNAL_ID_PLACEHOLDER } from '../http/request-view';

/** The broker events that tell a vendor something, and what each becomes for them. */
export const HANDOFF_EVENTS = {
  'Access Granted': 'access.granted',
  'Access Expiring': 'access.expiring',
  'Access Expired': 'access.ended',
  'Access Revoked': 'access.ended',
} as const;
export type HandoffEvent = keyof typeof HANDOFF_EVENTS;

/**
 * What the vendor receives (Standard Webhooks payload: `type`, `timestamp`, `data`): everything it needs to
 * connect — role, region, expiry, a ready CLI profile — and the External ID only when the broker made it
 * (a vendor's own External ID it already has; sending it again would only copy a secret around).
 */
export function handoffNotice(record: GrantRecord, event: HandoffEvent, at: string, region: string) {
  const type = HANDOFF_EVENTS[event];
  const generated = record.externalIdSource === 'generated';
  const window = { expiresAt: record.expiresAt ?? at, now: new Date(at), region };
  const connect =
    type === 'access.granted' && record.roleArn
      ? {
          roleArn: record.roleArn,
          region,
          expiresAt: record.expiresAt,
          usableFrom: record.usableFrom,
          externalIdSource: record.externalIdSource,
          ...(generated ? { externalId: record.externalId } : {}),
          awsCliProfile: awsCliProfile(
            record.id,
            record.roleArn,
            generated ? record.externalId : VENDOR_EXTERNAL_ID_PLACEHOLDER,
            window,
          ),
          // The access-key fallback: the key, its secret a JWE only the vendor's private key opens.
          ...(record.accessKey
            ? {
                accessKey: {
                  userArn: record.accessKey.userArn,
                  accessKeyId: record.accessKey.accessKeyId,
                  secretAccessKeyJwe: record.accessKey.sealedSecret,
                },
              }
            : {}),
          // Organization-wide: every account's role and profile, so the vendor needs nothing else.
          ...(record.targetAccountIds ? { roles: grantRoles(record, true, window) } : {}),
        }
      : {};
  return {
    type,
    timestamp: at,
    data: {
      requestId: record.id,
      vendor: record.vendor?.id,
      status: record.status,
      principal: record.principal.arn,
      targetAccountId: record.targetAccountId,
      ...(record.targetAccountIds ? { targetAccountIds: record.targetAccountIds } : {}),
      ...(record.profile ? { profile: record.profile } : {}),
      ...(record.ticket ? { ticket: { system: record.ticket.system, key: record.ticket.key } } : {}),
      ...connect,
      ...(type === 'access.expiring' ? { expiresAt: record.expiresAt } : {}),
      ...(type === 'access.ended' ? { endedAt: at, reason: record.revocation?.reason ?? record.status } : {}),
    },
  };
}
