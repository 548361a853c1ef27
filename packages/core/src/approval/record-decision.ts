import { type Approver, approvalRuleFor, approverPerson, assertMayDecide } from './approver-check';
import { approvalPeople } from './people';
import { AlreadyDecidedError, GrantConflictError, NotAllowedError } from '../errors';
import type { Approval, GrantRecord } from '../requests/request-record';
import { decisionRound, pendingDecision } from './pending-decision';
import { transition } from '../requests/transition';
import { type Person, samePerson } from '../identity/resolve-person';
import type { BrokerContext } from '../context/broker-context';
import { decisionOutput } from './decision-output';
import { loadRequest } from '../requests/load-request';

export interface DecisionInput {
  id: string;
  approver: Approver;
  decision: 'approve' | 'deny';
  comment?: string;
  /** The decision round the approver was shown (a Slack button's); refused if another one is pending now. */
  round?: string;
}

// Partial approvals by different approvers may collide; each retry re-reads and re-checks everything.
const MAX_ATTEMPTS = 5;

/**
 * Record an approver's decision (Slack click or API call).
 * 1. Check the approver: in the rule's group, through an allowed channel, not the requester, not twice.
 * 2. One conditional write: a deny ends the request (or drops the extension); an approval counts towards
 *    `approvalsRequired`. An ACTIVE grant with a pending extension is decided the same way.
 * 3. When the decision is complete, resume the waiting workflow with its task token.
 * Two decisions racing: exactly one write wins; the loser sees AlreadyDecidedError.
 */
export async function recordDecision(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'workflow'>,
  input: DecisionInput,
): Promise<GrantRecord> {
  for (let attempt = 1; ; attempt++) {
    const record = await loadRequest(ctx.store, input.id);
    const pending = pendingDecision(record);
    if (!pending) return replayApproval(ctx, record, input);
    if (input.round !== undefined && input.round !== decisionRound(record))
      throw new NotAllowedError(
        `that button was for an earlier decision on ${record.id}; use the latest message`,
      );
    const rule = approvalRuleFor(record, ctx.config);
    const person = assertMayDecide(record, input.approver, rule, ctx.config);
    try {
      const write = pending === 'extension' ? writeExtensionDecision : writeDecision;
      const decided = await write(ctx, record, { ...input, person }, rule.approvalsRequired);
      if (!pendingDecision(decided) && record.taskToken) {
        await ctx.workflow.resume(record.taskToken, decisionOutput(decided));
      }
      return decided;
    } catch (error) {
      if (!(error instanceof GrantConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * A decision that was already applied, sent again by someone who made it (its answer, or the workflow's
 * resume, was lost): the workflow is resumed again (harmless if it already moved on) and the request is
 * returned as it stands. Anything else that finds nothing pending is refused.
 */
async function replayApproval(
  ctx: Pick<BrokerContext, 'config' | 'workflow'>,
  record: GrantRecord,
  input: DecisionInput,
): Promise<GrantRecord> {
  const waiting = record.status === 'APPROVED' || (record.status === 'ACTIVE' && record.extension?.approved);
  const person = approverPerson(ctx.config, input.approver);
  const approvals = record.status === 'APPROVED' ? record.approvals : (record.extension?.approvals ?? []);
  const made =
    person &&
    approvals.some((approval) => approvalPeople(ctx.config, approval).some((p) => samePerson(p, person)));
  if (input.decision !== 'approve' || !waiting || !made)
    throw new AlreadyDecidedError(record.id, record.status);
  if (record.taskToken) await ctx.workflow.resume(record.taskToken, decisionOutput(record));
  return record;
}

function writeExtensionDecision(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock'>,
  record: GrantRecord,
  { approver, person, decision, comment }: DecisionInput & { person: Person },
  approvalsRequired: number,
): Promise<GrantRecord> {
  const extension = record.extension!;
  const actor = `${approver.channel}:${approver.id}`;
  const detail = comment ? { comment } : undefined;
  if (decision === 'deny') {
    return transition(ctx, record, {
      to: 'ACTIVE',
      action: 'EXTENSION_DENIED',
      actor,
      changes: { extension: undefined, taskToken: undefined },
      ...(detail ? { detail } : {}),
    });
  }
  const approvals = [
    ...extension.approvals,
    approvalBy(approver, person, ctx.clock.now().toISOString(), comment),
  ];
  const approved = approvals.length >= approvalsRequired;
  return transition(ctx, record, {
    to: 'ACTIVE',
    action: approved ? 'EXTENSION_APPROVED' : 'EXTENSION_APPROVAL_RECORDED',
    actor,
    changes: { extension: { ...extension, approvals, approved } },
  });
}

function writeDecision(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock'>,
  record: GrantRecord,
  { approver, person, decision, comment }: DecisionInput & { person: Person },
  approvalsRequired: number,
): Promise<GrantRecord> {
  const at = ctx.clock.now().toISOString();
  const actor = `${approver.channel}:${approver.id}`;
  const withComment: { comment?: string } = comment ? { comment } : {};
  if (decision === 'deny') {
    return transition(ctx, record, {
      to: 'DENIED',
      action: 'DENIED',
      actor,
      changes: { decision: { outcome: 'denied', by: actor, at, ...withComment }, taskToken: undefined },
      ...(comment ? { detail: { comment } } : {}),
    });
  }
  const approvals = [...record.approvals, approvalBy(approver, person, at, comment)];
  if (approvals.length < approvalsRequired) {
    return transition(ctx, record, {
      to: 'PENDING_APPROVAL',
      action: 'APPROVAL_RECORDED',
      actor,
      changes: { approvals },
      detail: { approvals: approvals.length, required: approvalsRequired, ...(comment ? { comment } : {}) },
    });
  }
  // The task token stays until provisioning begins: a retried approval can resume the workflow again.
  return transition(ctx, record, {
    to: 'APPROVED',
    action: 'APPROVED',
    actor,
    changes: {
      approvals,
      decision: { outcome: 'approved', by: actor, at, ...withComment },
    },
    ...(comment ? { detail: { comment } } : {}),
  });
}

function approvalBy(
  approver: DecisionInput['approver'],
  person: Person,
  at: string,
  comment: string | undefined,
): Approval {
  // Someone only the identity provider knows is counted by their key and their verified email.
  const email = !person.configured && approver.email ? { email: approver.email } : {};
  return {
    by: approver.id,
    person: person.key,
    ...email,
    channel: approver.channel,
    at,
    ...(comment ? { comment } : {}),
  };
}
