import type { EgressPolicy, GrantStore, VendorStore } from '@access-broker/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { Webhook } from 'standardwebhooks';
import { postToPublicHost } from '../egress/post-to-public-host';
import { HANDOFF_EVENTS, type HandoffEvent, handoffNotice } from './handoff-notice';

export interface BusEvent {
  id: string;
  'detail-type': string;
  time: string;
  detail: { eventId: string; requestId: string };
}

/**
 * A delivery the vendor refused or never answered, or one the broker would not make (the webhook's host is
 * not public): thrown, so EventBridge retries it, then dead-letters it (which pages).
 */
class HandoffFailed extends Error {}

/**
 * Tells the vendor of a grant, signed with its webhook secret (Standard Webhooks: webhook-id is the event id,
 * so a retried delivery is recognisably the same message). A request without a vendor, or a vendor without a
 * webhook, is nobody to tell.
 */
export async function deliverHandoff(
  deps: { store: GrantStore; vendors: VendorStore; logger: Logger; region: string; egress: EgressPolicy },
  event: BusEvent,
): Promise<'delivered' | 'nobody to tell'> {
  if (!(event['detail-type'] in HANDOFF_EVENTS)) return 'nobody to tell';
  const record = await deps.store.get(event.detail.requestId);
  const vendor = record?.vendor ? await deps.vendors.get(record.vendor.id) : undefined;
  if (!record || !vendor?.webhook) return 'nobody to tell';
  const notice = handoffNotice(record, event['detail-type'] as HandoffEvent, event.time, deps.region);
  const payload = JSON.stringify(notice);
  const messageId = `msg_${event.detail.eventId}`;
  const timestamp = new Date();
  const signature = new Webhook(vendor.webhook.secret).sign(messageId, timestamp, payload);
  const response = await postToPublicHost(vendor.webhook.url, payload, {
    headers: {
      'content-type': 'application/json',
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    },
    policy: deps.egress,
    timeoutMs: 10_000,
  }).catch((error: unknown) => {
    throw new HandoffFailed(`${vendor.id}'s webhook was not reached: ${(error as Error).message}`);
  });
  if (response.status < 200 || response.status > 299)
    throw new HandoffFailed(`${vendor.id}'s webhook answered ${response.status}`);
  deps.logger.info('hand-off delivered', { requestId: record.id, vendor: vendor.id, type: notice.type });
  return 'delivered';
}
