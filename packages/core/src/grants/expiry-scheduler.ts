/** One-time triggers that expire a grant at its expiry (EventBridge Scheduler in AWS). */
export interface ExpiryScheduler {
  /** Creates or moves the trigger for this request. */
  scheduleExpiry(requestId: string, at: Date): Promise<void>;
  /** Removes the trigger; a missing one counts as removed. */
  cancelExpiry(requestId: string): Promise<void>;
}
