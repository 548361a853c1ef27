import { type ApprovalRule } from '../config/config-schema';
import { type GrantRecord } from '../grant/grant-record';

/** Tells approvers a request waits for them (Slack in AWS, the console and an outbox file locally). */
export interface ApprovalNotifier {
  requestApproval(record: GrantRecord, rule: ApprovalRule): Promise<void>;
  announceOutcome(record: GrantRecord): Promise<void>;
}
