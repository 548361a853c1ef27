import { VendorConflictError, VendorNotFoundError, VendorSuspendedError } from '../errors';
import type { BrokerContext } from '../context/broker-context';
import type { GrantStatus } from '../requests/grant-status';
import type { GrantRecord } from '../requests/request-record';
import { revokeGrant } from '../grants/end/end-grant';
import { durationSeconds } from '../requests/duration';
import type { Vendor } from './vendor';
import type { VendorChange } from './vendor-store';

// The kill switch for a vendor that reports a compromise. Suspending stores the suspension first, so from
// that write on nothing new starts for the vendor: a request naming it is refused (validate-access-request),
// and a grant that reaches provisioning refuses to create a role (assertVendorActive). Then every live grant
// of the vendor is ended through the ordinary revoke, which denies the role's sessions before it deletes it.

/** Every status in which a request of the vendor can still become, or still is, access. */
const LIVE: readonly GrantStatus[] = [
  'PENDING_APPROVAL',
  'APPROVED',
  'PROVISIONING',
  'ACTIVE',
  'REVOKING',
  'REVOKE_FAILED',
];

// Teardowns are IAM-bound: enough at once to end a vendor's grants within seconds, few enough for IAM's rate.
const CONCURRENCY = 8;
const PAGE = 100;

type Ctx = Pick<
  BrokerContext,
  'config' | 'store' | 'vendors' | 'clock' | 'provisioner' | 'scheduler' | 'workflow'
>;

export interface Suspension {
  vendor: Vendor;
  /** The vendor's requests and grants as the suspension left them (ended, cancelled, or ending). */
  ended: GrantRecord[];
  /** Grants whose end failed here: each is REVOKE_FAILED or REVOKING, so the sweeper finishes it. */
  failed: { id: string; error: string }[];
}

/**
 * Suspends a vendor and ends everything it holds. Idempotent: suspending a suspended vendor keeps the first
 * suspension and ends whatever is still live (a grant a concurrent approval started, a teardown that failed).
 */
export async function suspendVendor(
  ctx: Ctx,
  input: { id: string; actor: string; comment?: string },
): Promise<Suspension> {
  const vendor = await changeVendor(
    ctx,
    input.id,
    (current, at) =>
      current.suspension
        ? undefined
        : {
            vendor: {
              ...current,
              suspension: { at, by: input.actor, ...(input.comment ? { comment: input.comment } : {}) },
            },
            action: 'SUSPENDED',
          },
    input,
  );
  const comment = `vendor ${vendor.id} suspended${input.comment ? `: ${input.comment}` : ''}`.slice(0, 500);
  const { ended, failed } = await endVendorGrants(ctx, vendor, input.actor, comment);
  return { vendor: failed.length ? vendor : await settleSuspension(ctx, vendor, input.actor), ended, failed };
}

/**
 * The sweeper's part: a suspension not yet settled (the process died before every grant had ended, or a
 * teardown failed) is finished here, and settled once nothing of the vendor is live. One younger than
 * `limits.teardownStallAfter` is still its own call's to finish. A settled suspension costs nothing more than
 * the vendor list. Returns how many of the vendors' requests and grants it ended.
 */
export async function finishSuspensions(ctx: Ctx): Promise<number> {
  const stalledBefore =
    ctx.clock.now().getTime() - durationSeconds(ctx.config.limits.teardownStallAfter) * 1000;
  let ended = 0;
  for (const vendor of await ctx.vendors.list()) {
    if (!vendor.suspension || vendor.suspension.settledAt) continue;
    if (Date.parse(vendor.suspension.at) > stalledBefore) continue;
    const comment = `vendor ${vendor.id} suspended${vendor.suspension.comment ? `: ${vendor.suspension.comment}` : ''}`;
    const result = await endVendorGrants(ctx, vendor, vendor.suspension.by, comment.slice(0, 500));
    ended += result.ended.length;
    if (result.failed.length === 0) await settleSuspension(ctx, vendor, 'sweeper');
  }
  return ended;
}

/** Ends every live request and grant of the vendor through the ordinary revoke, a few at a time. */
async function endVendorGrants(ctx: Ctx, vendor: Vendor, actor: string, comment: string) {
  const live = await liveGrantsOf(ctx, vendor.id);
  const ended: GrantRecord[] = [];
  const failed: Suspension['failed'] = [];
  const queue = [...live];
  const worker = async () => {
    for (let grant = queue.shift(); grant; grant = queue.shift()) {
      try {
        ended.push(await revokeGrant(ctx, { id: grant.id, reason: 'vendor-suspended', by: actor, comment }));
      } catch (error) {
        failed.push({ id: grant.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, live.length) }, worker));
  return { ended, failed };
}

/** Marks the suspension settled: unless it was lifted (or replaced) meanwhile. */
function settleSuspension(ctx: Ctx, vendor: Vendor, actor: string): Promise<Vendor> {
  return changeVendor(
    ctx,
    vendor.id,
    (current, at) =>
      current.suspension && current.suspension.at === vendor.suspension?.at && !current.suspension.settledAt
        ? {
            vendor: { ...current, suspension: { ...current.suspension, settledAt: at } },
            action: 'SUSPENSION_SETTLED',
          }
        : undefined,
    { actor },
  );
}

/** Lifts a suspension: new requests are accepted again. Nothing that was ended comes back. */
export async function resumeVendor(
  ctx: Pick<BrokerContext, 'vendors' | 'clock'>,
  input: { id: string; actor: string; comment?: string },
): Promise<Vendor> {
  return changeVendor(
    ctx,
    input.id,
    (current) => {
      if (!current.suspension) return undefined;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { suspension, ...resumed } = current;
      return { vendor: resumed, action: 'RESUMED' };
    },
    input,
  );
}

/** Refuses to give a suspended vendor anything new: checked where a role is about to be created. */
export async function assertVendorActive(
  ctx: Pick<BrokerContext, 'vendors'>,
  record: Pick<GrantRecord, 'vendor'>,
): Promise<Vendor | undefined> {
  if (!record.vendor) return undefined;
  const vendor = await ctx.vendors.get(record.vendor.id);
  if (vendor?.suspension) throw new VendorSuspendedError(vendor.id);
  return vendor;
}

/** The vendor's requests in every live status (the byStatus index, page by page: no scan). */
async function liveGrantsOf(ctx: Pick<BrokerContext, 'store'>, vendorId: string): Promise<GrantRecord[]> {
  const found: GrantRecord[] = [];
  for (const status of LIVE) {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.list({ status, limit: PAGE, ...(cursor ? { cursor } : {}) });
      found.push(...page.items.filter((record) => record.vendor?.id === vendorId));
      cursor = page.cursor;
    } while (cursor);
  }
  return found;
}

/** Read, change, write conditionally, with the change in the vendor's history; retried if another admin won. */
async function changeVendor(
  ctx: Pick<BrokerContext, 'vendors' | 'clock'>,
  id: string,
  change: (current: Vendor, at: string) => { vendor: Vendor; action: VendorChange['action'] } | undefined,
  input: { actor: string; comment?: string },
): Promise<Vendor> {
  for (let attempt = 1; ; attempt++) {
    const current = await ctx.vendors.get(id);
    if (!current) throw new VendorNotFoundError(id);
    const at = ctx.clock.now().toISOString();
    const next = change(current, at);
    if (!next) return current;
    const vendor = { ...next.vendor, updatedAt: at, updatedBy: input.actor, version: current.version + 1 };
    try {
      await ctx.vendors.put(vendor, current.version, {
        vendorId: id,
        seq: vendor.version,
        at,
        action: next.action,
        actor: input.actor,
        ...(input.comment ? { comment: input.comment } : {}),
      });
      return vendor;
    } catch (error) {
      if (!(error instanceof VendorConflictError) || attempt >= 5) throw error;
    }
  }
}
