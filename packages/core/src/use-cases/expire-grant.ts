import type { GrantRecord } from '../grant/grant-record';
import type { BrokerContext } from './broker-context';
import { loadRequest } from './load-request';
import { revokeGrant } from './revoke-grant';

/**
 * What the one-time expiry schedule invokes. A schedule may be stale (the grant was extended, or already
 * revoked), so it only ends grants whose expiry really has passed; everything else is a no-op.
 */
export async function expireGrant(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler' | 'workflow'>,
  id: string,
): Promise<GrantRecord> {
  const record = await loadRequest(ctx.store, id);
  const expired = record.expiresAt !== undefined && Date.parse(record.expiresAt) <= ctx.clock.now().getTime();
  if (!expired) return record;
  return revokeGrant(ctx, { id, reason: 'expired', by: 'expiry-schedule' });
}
