import type { ActivityRecord } from './activity-record';

/** The evidence of what a grant's sessions did. */
export interface ActivityStore {
  /** Writes the record unless its CloudTrail event id is already recorded (false): nothing is overwritten. */
  record(entry: ActivityRecord): Promise<boolean>;
  /** Every call made with the grant's sessions, oldest first. */
  list(requestId: string): Promise<ActivityRecord[]>;
}
