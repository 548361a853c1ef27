import type { ActivitySummary } from '../activity/activity-record';
import type { ApprovalRule } from '../config/config-schema';
import type { ApprovalMessageRef, GrantRecord } from '../requests/request-record';

/**
 * Tells people about a request through one message that follows it (Slack in AWS, the console and an outbox
 * file locally): the question while a decision is pending, then where the grant stands.
 */
export interface ApprovalNotifier {
  /**
   * Shows the request as it stands, and returns where, so every later change edits the same message: a new
   * message when the request has none yet (a question, or already its outcome when a decision beat the post);
   * for an extension, the request's own message asks again, and a reply in its thread tells the approvers.
   */
  requestApproval(record: GrantRecord, rule: ApprovalRule): Promise<ApprovalMessageRef | undefined>;
  /**
   * Edits the request's message to show where it stands (waiting with who approved so far, decided, active
   * until, extended, revoked by whom, expired, failed) and, once it ended, what it was used for.
   */
  announceOutcome(record: GrantRecord, used?: ActivitySummary): Promise<void>;
  /** Tells one Slack user, privately, why their click changed nothing. */
  tellUser(slackUserId: string, record: GrantRecord | undefined, text: string): Promise<void>;
  /** Writes to one person directly (a direct message), wherever they are: the requester's expiry reminder. */
  remind(slackUserId: string, record: GrantRecord, text: string): Promise<void>;
}
