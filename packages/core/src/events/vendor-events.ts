import * as z from 'zod';
import type { VendorChange } from '../vendors/vendor-store';
import { EVENT_SOURCE } from './broker-events';

const DETAIL_TYPES: Partial<Record<VendorChange['action'], string>> = {
  SUSPENDED: 'Vendor Suspended',
  RESUMED: 'Vendor Resumed',
};

export const VENDOR_EVENT_DETAIL_TYPES = Object.values(DETAIL_TYPES);

/** The `detail` of a vendor event: who was suspended or resumed, by whom, and why. */
export const vendorEventDetailSchema = z
  .object({
    eventId: z.string().describe('vendor id and change sequence: the same change always has the same id'),
    vendorId: z.string(),
    actor: z.string().describe('the admin who suspended or resumed the vendor: api:<client>'),
    reason: z.string().optional().describe("the admin's comment"),
  })
  .strict();

export interface VendorEvent {
  source: typeof EVENT_SOURCE;
  detailType: string;
  id: string;
  time: string;
  detail: z.infer<typeof vendorEventDetailSchema>;
}

/** Suspensions and resumptions become events, derived (like grant events) from the change written with them. */
export function eventFromVendorChange(change: VendorChange): VendorEvent | undefined {
  const detailType = DETAIL_TYPES[change.action];
  if (!detailType) return undefined;
  const id = `vendor:${change.vendorId}:${change.seq}`;
  return {
    source: EVENT_SOURCE,
    detailType,
    id,
    time: change.at,
    detail: {
      eventId: id,
      vendorId: change.vendorId,
      actor: change.actor,
      ...(change.comment ? { reason: change.comment } : {}),
    },
  };
}
