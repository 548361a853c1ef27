import type { GrantRecord } from '../grant/grant-record';
import type { BrokerContext } from './broker-context';
import { loadRequest } from './load-request';
import { revokeGrant } from './revoke-grant';

/**
 * How early a firing may be and still end the grant on time by waiting: Scheduler's `at()` has second
 * precision and its clock and the function's may differ by a little. Below the function's 30 s timeout.
 */
export const MAX_EARLY_WAIT_MS = 20_000;

/**
 * What the one-time expiry schedule invokes. It ends the grant at its expiry, whoever's clock fired it:
 * - past the expiry → revoke (idempotent: a grant already ended is returned as it is);
 * - a little early (within MAX_EARLY_WAIT_MS) → wait for the expiry, then revoke: the firing is not used up;
 * - far too early (the grant was extended and this firing is stale, or a clock is far off) → schedule the
 *   expiry again, at the right time, and leave the grant alone.
 * The trust and deny conditions (aws:CurrentTime) remain the hard bound in IAM, whatever fires when.
 */
export async function expireGrant(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler' | 'workflow'>,
  id: string,
): Promise<GrantRecord> {
  const record = await loadRequest(ctx.store, id);
  if (!record.expiresAt) return record;
  const early = Date.parse(record.expiresAt) - ctx.clock.now().getTime();
  const live = record.status === 'ACTIVE' || record.status === 'PROVISIONING';
  if (early > 0 && !live) return record;
  if (early > MAX_EARLY_WAIT_MS) {
    await ctx.scheduler.scheduleExpiry(id, new Date(record.expiresAt));
    return record;
  }
  if (early > 0) await ctx.clock.sleep(early);
  return revokeGrant(ctx, { id, reason: 'expired', by: 'expiry-schedule' });
}
