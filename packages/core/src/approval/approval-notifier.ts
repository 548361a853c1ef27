import type { ActivitySummary } from '../activity/activity-record';
import type { ApprovalRule } from '../config/config-schema';
import type { ApprovalMessageRef, GrantRecord } from '../requests/request-record';

/** Tells approvers a request waits for them (Slack in AWS, the console and an outbox file locally). */
export interface ApprovalNotifier {
  /** Posts the approval request; returns where, so the message can be edited once decided. */
  requestApproval(record: GrantRecord, rule: ApprovalRule): Promise<ApprovalMessageRef | undefined>;
  /**
   * Edits the approval message to show where the grant stands (decided, active until, revoked by whom, expired,
   * failed) and, once it ended, what it was used for.
   */
  announceOutcome(record: GrantRecord, used?: ActivitySummary): Promise<void>;
  /** Tells one Slack user, privately, why their click changed nothing. */
  tellUser(slackUserId: string, record: GrantRecord | undefined, text: string): Promise<void>;
}
