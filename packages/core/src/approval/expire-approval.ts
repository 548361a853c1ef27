import { GrantConflictError } from '../errors';
import type { GrantRecord } from '../requests/request-record';
import { pendingDecision } from './pending-decision';
import { transition } from '../requests/transition';
import type { BrokerContext } from '../context/broker-context';
import { loadRequest } from '../requests/load-request';

/**
 * The workflow's approval timeout: a request nobody decided on in time ends APPROVAL_EXPIRED (an extension
 * nobody decided on is dropped, the grant keeps its expiry). A decision that won the race stands.
 */
export async function expireApproval(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock'>,
  id: string,
): Promise<GrantRecord> {
  const record = await loadRequest(ctx.store, id);
  const pending = pendingDecision(record);
  if (!pending) return record;
  const at = ctx.clock.now().toISOString();
  try {
    if (pending === 'extension') {
      return await transition(ctx, record, {
        to: 'ACTIVE',
        action: 'EXTENSION_EXPIRED',
        actor: 'workflow',
        changes: { extension: undefined, taskToken: undefined },
      });
    }
    return await transition(ctx, record, {
      to: 'APPROVAL_EXPIRED',
      action: 'APPROVAL_EXPIRED',
      actor: 'workflow',
      changes: { decision: { outcome: 'expired', by: 'workflow', at }, taskToken: undefined },
    });
  } catch (error) {
    if (error instanceof GrantConflictError) return loadRequest(ctx.store, id);
    throw error;
  }
}
