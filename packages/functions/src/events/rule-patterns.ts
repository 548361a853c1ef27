import { CLOUDTRAIL_DETAIL_TYPE, EVENT_SOURCE, ROLE_PATH } from '@access-broker/core';
import type { Trigger } from '../catalog/function-catalog';

type BusTrigger = Extract<Trigger, { kind: 'busEvents' }>;

/**
 * The EventBridge pattern of the calls made with grant roles' sessions: CloudTrail's management events (and
 * data events, where a trail records them) whose session was issued by a role under the broker's path, or
 * made by a key user under that path (the access-key fallback). Only
 * AWS emits events whose `source` starts with `aws.` (PutEvents refuses such a source to every caller), so
 * nobody can forge one onto the bus. The stack deploys it, in the hub and in every spoke; the local runtime
 * routes its CloudTrail records with it.
 */
export function grantSessionPattern(partition: string) {
  return {
    source: [{ prefix: 'aws.' }],
    'detail-type': [CLOUDTRAIL_DETAIL_TYPE],
    detail: {
      $or: [
        {
          userIdentity: {
            type: ['AssumedRole'],
            sessionContext: {
              sessionIssuer: { arn: [{ wildcard: `arn:${partition}:iam::*:role${ROLE_PATH}*` }] },
            },
          },
        },
        // An access-key vendor's key user: its own calls (AssumeRole into the grant's role).
        {
          userIdentity: {
            type: ['IAMUser'],
            arn: [{ wildcard: `arn:${partition}:iam::*:user${ROLE_PATH}*` }],
          },
        },
      ],
    },
  };
}

/** The pattern of a rule on the broker's bus that triggers a function (the vendor hand-off). */
export function busEventsPattern(trigger: BusTrigger) {
  return {
    source: [EVENT_SOURCE],
    'detail-type': [...trigger.detailTypes],
    ...(trigger.withDetail ? { detail: { [trigger.withDetail]: [{ exists: true }] } } : {}),
  };
}
