import { approvalEndsMs } from '../requests/deadlines';
import type { GrantRecord } from '../requests/request-record';
import { pendingDecision } from './pending-decision';
import type { BrokerContext } from '../context/broker-context';
import { decisionOutput } from './decision-output';
import { loadRequest } from '../requests/load-request';

export type DecisionRoute = 'approved' | 'wait' | 'expire' | 'closed';

/**
 * The workflow's recovery step, after its wait step failed for good (its retries spent): where does the
 * request stand now? Approved meanwhile → provision; still pending → wait again, for the approval time left;
 * past its approval timeout → expire it; anything else (denied, cancelled) → close.
 */
export async function checkDecision(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock'>,
  id: string,
): Promise<{ route: DecisionRoute; record: GrantRecord }> {
  const record = await loadRequest(ctx.store, id);
  if (!pendingDecision(record))
    return { route: decisionOutput(record).decision === 'approved' ? 'approved' : 'closed', record };
  const left = approvalEndsMs(record, ctx.config) - ctx.clock.now().getTime();
  return { route: left > 0 ? 'wait' : 'expire', record };
}
