import type { ApprovalChannel, ApprovalRule, BrokerConfig } from '../config/config-schema';
import { NotAllowedError } from '../errors';
import type { GrantRecord } from '../grant/grant-record';
import { pendingApprovals, pendingDecision } from '../grant/pending-decision';

export interface Approver {
  /** An API client id, or a Slack user id when `channel` is slack. */
  id: string;
  channel: ApprovalChannel;
}

/** The rule in force now (a tightened config applies to requests already waiting). */
export function approvalRuleFor(record: GrantRecord, config: BrokerConfig): ApprovalRule {
  const rule = record.profile ? config.profiles[record.profile]?.approval : config.customPolicies?.approval;
  // A profile or custom-policy rule removed from config since the request: nobody may approve it.
  if (!rule) throw new NotAllowedError('the approval rule for this request no longer exists in the config');
  return rule;
}

/** Throws NotAllowedError unless `approver` may decide on `record` through this channel. */
export function assertMayDecide(
  record: GrantRecord,
  approver: Approver,
  rule: ApprovalRule,
  config: BrokerConfig,
): void {
  if (!rule.channels.includes(approver.channel)) {
    throw new NotAllowedError(`this request must be decided through: ${rule.channels.join(', ')}`);
  }
  const group = config.approverGroups[rule.approverGroup];
  const members = approver.channel === 'slack' ? group?.slackUserIds : group?.apiIdentities;
  if (!members?.includes(approver.id))
    throw new NotAllowedError(`${approver.id} is not in the ${rule.approverGroup} approver group`);
  const extension = pendingDecision(record) === 'extension' ? record.extension : undefined;
  const apiSelf = approver.channel === 'api' ? [record.createdBy, extension?.requestedBy] : [];
  if ([record.requester.id, record.requester.slackUserId, ...apiSelf].includes(approver.id)) {
    throw new NotAllowedError('requesters may not approve their own requests');
  }
  if (
    pendingApprovals(record).some(
      (approval) => approval.by === approver.id && approval.channel === approver.channel,
    )
  ) {
    throw new NotAllowedError(`${approver.id} has already approved this request`);
  }
}
