import type { ActivityRecord } from '../activity/activity-record';

/** The evidence of what a grant's sessions did. Recording is idempotent by CloudTrail event id. */
export interface ActivityStore {
  record(entry: ActivityRecord): Promise<void>;
  /** Every call made with the grant's sessions, oldest first. */
  list(requestId: string): Promise<ActivityRecord[]>;
}
