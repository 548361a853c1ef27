import type { ApprovalChannel, ApprovalRule, BrokerConfig } from '../config/config-schema';
import { NotAllowedError } from '../errors';
import type { GrantRecord } from '../grant/grant-record';
import { pendingApprovals } from '../grant/pending-decision';
import { inApproverGroup, personOf, personOfActor, requestPeople } from './people';

export interface Approver {
  /** The API caller's actor (see Caller), or a Slack user id when `channel` is slack. */
  id: string;
  channel: ApprovalChannel;
  /** The IdP groups of a signed-in approver's token. */
  idpGroups?: readonly string[];
}

/** The rule in force now (a tightened config applies to requests already waiting). */
export function approvalRuleFor(record: GrantRecord, config: BrokerConfig): ApprovalRule {
  const rule = record.profile ? config.profiles[record.profile]?.approval : config.customPolicies?.approval;
  // A profile or custom-policy rule removed from config since the request: nobody may approve it.
  if (!rule) throw new NotAllowedError('the approval rule for this request no longer exists in the config');
  return rule;
}

/**
 * Throws NotAllowedError unless `approver` may decide on `record` through this channel: the channel is allowed,
 * the identity is a person in the rule's group, that person is not anyone the request belongs to (through
 * any of their identities), and has not approved it already (through any of them). Returns the person.
 */
export function assertMayDecide(
  record: GrantRecord,
  approver: Approver,
  rule: ApprovalRule,
  config: BrokerConfig,
): string {
  if (!rule.channels.includes(approver.channel)) {
    throw new NotAllowedError(`this request must be decided through: ${rule.channels.join(', ')}`);
  }
  const person = personBehind(config, approver.channel, approver.id);
  if (!person || !inApproverGroup(config, rule.approverGroup, person, approver.idpGroups))
    throw new NotAllowedError(`${approver.id} is not in the ${rule.approverGroup} approver group`);
  if (requestPeople(config, record).has(person))
    throw new NotAllowedError(
      'requesters may not approve their own requests, through any of their identities',
    );
  const approvedBy = pendingApprovals(record).map(
    (approval) => approval.person ?? personBehind(config, approval.channel, approval.by),
  );
  if (approvedBy.includes(person)) throw new NotAllowedError(`${person} has already approved this request`);
  return person;
}

/** API approvals record the caller's actor; Slack ones the Slack user id. */
function personBehind(config: BrokerConfig, channel: ApprovalChannel, id: string) {
  return channel === 'api' ? personOfActor(config, id) : personOf(config, { channel, id });
}
