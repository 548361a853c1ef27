import { GrantConflictError, IllegalTransitionError } from '../../errors';
import { transition } from '../../requests/transition';
import { durationSeconds } from '../../requests/duration';
import type { BrokerContext } from '../../context/broker-context';

/**
 * Tells, once per expiry, that a grant ends within `limits.reminderBeforeExpiry`: an audit entry (EXPIRY_REMINDER)
 * whose event reaches the vendor's webhook and the requester. The sweeper runs it, so a reminder comes within one
 * sweep interval of its time; an extension moves the expiry, and so makes a new reminder due.
 */
export async function remindExpiringGrants(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock'>,
  options: { limit: number } = { limit: 100 },
): Promise<number> {
  const lead = ctx.config.limits.reminderBeforeExpiry;
  if (!lead) return 0;
  const now = ctx.clock.now();
  const soon = new Date(now.getTime() + durationSeconds(lead) * 1000);
  const records = await ctx.store.getMany(await ctx.store.listDue(soon, options.limit));
  let reminded = 0;
  for (const record of records.values()) {
    const expiresAt = record.expiresAt;
    if (record.status !== 'ACTIVE' || !expiresAt || Date.parse(expiresAt) <= now.getTime()) continue;
    if (record.reminderSentFor === expiresAt) continue;
    try {
      await transition(ctx, record, {
        to: 'ACTIVE',
        action: 'EXPIRY_REMINDER',
        actor: 'sweeper',
        changes: { reminderSentFor: expiresAt },
        detail: { expiresAt },
      });
      reminded++;
    } catch (error) {
      // Revoked, extended or reminded by another sweep meanwhile: the next sweep sees the new state.
      if (!(error instanceof GrantConflictError) && !(error instanceof IllegalTransitionError)) throw error;
    }
  }
  return reminded;
}
