import { approvalRuleFor } from './approver-check';
import { durationSeconds } from '../requests/duration';
import type { GrantRecord } from '../requests/request-record';
import { transition } from '../requests/transition';
import type { BrokerContext } from '../context/broker-context';
import { loadRequest } from '../requests/load-request';

type Route = 'auto' | 'manual' | 'closed';
/** The route, and the record as this step left it (the next step starts from it instead of reading again). */
export interface Evaluation {
  route: Route;
  startAt?: string;
  record: GrantRecord;
}

/**
 * The workflow's first step: decide whether a human must approve.
 * 1. An approved (or half-provisioned) request goes on to provisioning; any other that is no longer
 *    pending (cancelled meanwhile) closes the workflow.
 * 2. Within the rule's `autoApproveUpTo`, record an automatic approval and go straight to provisioning.
 * 3. Otherwise wait for approvers.
 */
export async function evaluateRequest(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock'>,
  id: string,
): Promise<Evaluation> {
  const record = await loadRequest(ctx.store, id);
  if (record.status === 'ACTIVE' && record.extension) return evaluateExtension(ctx, record);
  // Approved, or provisioning when the process died: a restarted workflow carries on provisioning.
  if (record.status === 'APPROVED' || record.status === 'PROVISIONING') return { route: 'auto', record };
  if (record.status !== 'PENDING_APPROVAL') return { route: 'closed', record };
  const rule = approvalRuleFor(record, ctx.config);
  const startAt = record.startAt ? { startAt: record.startAt } : {};
  if (rule.autoApproveUpTo && record.durationSeconds <= durationSeconds(rule.autoApproveUpTo)) {
    const at = ctx.clock.now().toISOString();
    const approved = await transition(ctx, record, {
      to: 'APPROVED',
      action: 'APPROVED',
      actor: 'policy:auto-approve',
      changes: { decision: { outcome: 'approved', by: 'policy:auto-approve', at } },
      detail: { reason: `duration within ${rule.autoApproveUpTo}` },
    });
    return { route: 'auto', ...startAt, record: approved };
  }
  return { route: 'manual', ...startAt, record };
}

async function evaluateExtension(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock'>,
  record: GrantRecord,
): Promise<Evaluation> {
  const extension = record.extension!;
  if (extension.approved) return { route: 'auto', record };
  const rule = approvalRuleFor(record, ctx.config);
  // Auto-approval covers the whole grant, not each extension: extensions cannot chain past the limit.
  const total =
    (Date.parse(record.expiresAt!) - Date.parse(record.activatedAt!)) / 1000 + extension.durationSeconds;
  if (!rule.autoApproveUpTo || total > durationSeconds(rule.autoApproveUpTo))
    return { route: 'manual', record };
  const approved = await transition(ctx, record, {
    to: 'ACTIVE',
    action: 'EXTENSION_APPROVED',
    actor: 'policy:auto-approve',
    changes: { extension: { ...extension, approved: true } },
    detail: { reason: `the whole grant within ${rule.autoApproveUpTo}` },
  });
  return { route: 'auto', record: approved };
}
