import type { ApprovalChannel, ApprovalRule, BrokerConfig } from '../config/config-schema';
import { NotAllowedError } from '../errors';
import type { GrantRecord } from '../requests/request-record';
import { pendingApprovals } from './pending-decision';
import { mayBeSamePerson, type Person, personOfActor, resolvePerson } from '../identity/resolve-person';
import { approvalPeople, inApproverGroup, requestPeople } from './people';

export interface Approver {
  /** The API caller's actor (see Caller), or a Slack user id when `channel` is slack. */
  id: string;
  channel: ApprovalChannel;
  /** The IdP groups of a signed-in approver's token. */
  idpGroups?: readonly string[];
  /** The email a signed-in approver's token verified. */
  email?: string;
}

/** The rule in force now (a tightened config applies to requests already waiting). */
export function approvalRuleFor(record: GrantRecord, config: BrokerConfig): ApprovalRule {
  // An access-key vendor's grant is decided by its own rule, whatever the profile's.
  const rule =
    record.credentials === 'access-key'
      ? config.accessKeyVendors?.approval
      : record.profile
        ? config.profiles[record.profile]?.approval
        : config.customPolicies?.approval;
  // A profile or custom-policy rule removed from config since the request: nobody may approve it.
  if (!rule) throw new NotAllowedError('the approval rule for this request no longer exists in the config');
  return rule;
}

/** The person an approver is: a Slack click is its Slack user's; an API call its caller's. */
export function approverPerson(config: Pick<BrokerConfig, 'people'>, approver: Approver): Person | undefined {
  return approver.channel === 'slack'
    ? resolvePerson(config, { kind: 'slack', userId: approver.id })
    : personOfActor(config, approver.id, approver.email);
}

/**
 * Throws NotAllowedError unless `approver` may decide on `record` through this channel: the channel is allowed,
 * the identity is a person in the rule's group, that person is not anyone the request belongs to (through
 * any of their identities, in any spelling), and has not approved it already (through any of them). Returns
 * the person.
 */
export function assertMayDecide(
  record: GrantRecord,
  approver: Approver,
  rule: ApprovalRule,
  config: BrokerConfig,
): Person {
  if (!rule.channels.includes(approver.channel)) {
    throw new NotAllowedError(`this request must be decided through: ${rule.channels.join(', ')}`);
  }
  const person = approverPerson(config, approver);
  if (!person || !inApproverGroup(config, rule.approverGroup, person, approver.idpGroups))
    throw new NotAllowedError(
      `${person ? personLabel(config, person) : approver.id} is not in the ${rule.approverGroup} approver group`,
    );
  if (requestPeople(config, record).some((owner) => mayBeSamePerson(owner, person)))
    throw new NotAllowedError(
      'requesters may not approve their own requests, through any of their identities',
    );
  const approvedBy = pendingApprovals(record).flatMap((approval) => approvalPeople(config, approval));
  if (approvedBy.some((earlier) => mayBeSamePerson(earlier, person)))
    throw new NotAllowedError(`${personLabel(config, person)} has already approved this request`);
  return person;
}

/** A person as `broker whoami` names them: their key, and their display name when the config has one. */
function personLabel(config: Pick<BrokerConfig, 'people'>, person: Person): string {
  const name = person.configured ? config.people[person.key]?.displayName : undefined;
  return name ? `${person.key} (${name})` : person.key;
}
