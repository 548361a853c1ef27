import type { BrokerConfig } from '../config/config-schema';
import { approvalEndsMs } from '../requests/deadlines';
import type { GrantRecord } from '../requests/request-record';
import { approvalRuleFor } from './approver-check';
import { pendingDecision } from './pending-decision';

/** What the approvers are asked while a decision is pending: the rule (N of a group) and when the wait ends. */
export function askedOfApprovers(record: GrantRecord, config: BrokerConfig) {
  const pending = pendingDecision(record);
  if (!pending) return undefined;
  let rule;
  try {
    rule = approvalRuleFor(record, config);
  } catch {
    return undefined; // its rule left the config: nobody may decide it, so nothing is asked
  }
  return {
    approverGroup: rule.approverGroup,
    approvalsRequired: rule.approvalsRequired,
    decideBy: new Date(approvalEndsMs(record, config)).toISOString(),
    forExtension: pending === 'extension',
  };
}
