import type { RequestView, WhoAmI } from './api';

/**
 * Whether this person could decide the request now: an approver of its group, not its requester, not one who
 * approved already. Only what the console offers: the API checks all of it again, with every identity.
 */
export function mayDecide(me: WhoAmI, request: RequestView): boolean {
  const asked = request.pendingDecision;
  if (!asked || !me.scopes.includes('requests:approve')) return false;
  if (!me.approverGroups.includes(asked.approverGroup)) return false;
  if (me.person && request.requester.person === me.person) return false;
  const approvals = asked.forExtension ? request.extension?.approvals : request.approvals;
  return !approvals?.some((approval) => approval.person !== undefined && approval.person === me.person);
}
