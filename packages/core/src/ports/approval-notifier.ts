import type { ApprovalRule } from '../config/config-schema';
import type { ApprovalMessageRef, GrantRecord } from '../grant/grant-record';

/** Tells approvers a request waits for them (Slack in AWS, the console and an outbox file locally). */
export interface ApprovalNotifier {
  /** Posts the approval request; returns where, so the message can be edited once decided. */
  requestApproval(record: GrantRecord, rule: ApprovalRule): Promise<ApprovalMessageRef | undefined>;
  /** Edits the approval message to show the outcome (decided, expired, cancelled). */
  announceOutcome(record: GrantRecord): Promise<void>;
  /** Tells one Slack user, privately, why their click changed nothing. */
  tellUser(slackUserId: string, record: GrantRecord | undefined, text: string): Promise<void>;
}
