import { atExpression, type DynamoGrantStore, scheduleName } from '@access-broker/aws';
import type { GrantStatus } from '@access-broker/core';
import type { LocalScheduler } from '@access-broker/local-aws';

// The grants that may still hold a role, and so an expiry schedule.
const LIVE: GrantStatus[] = ['PROVISIONING', 'ACTIVE', 'REVOKING', 'REVOKE_FAILED'];

/**
 * The schedules file is a cache of the table's expiries: when it could not be read, every live grant's
 * one-time schedule is armed again from the table, as the broker made it, instead of refusing to start.
 */
export async function rebuildSchedules(
  scheduler: LocalScheduler,
  store: DynamoGrantStore,
  target: { Arn: string; RoleArn: string },
): Promise<number> {
  let rebuilt = 0;
  for (const status of LIVE) {
    let cursor: string | undefined;
    do {
      const page = await store.list({ status, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const record of page.items) {
        if (!record.expiresAt) continue;
        // As the adapter's at() expression has it: rounded up to the second, in UTC.
        const at = `${atExpression(new Date(record.expiresAt))}Z`;
        scheduler.rebuild(scheduleName(record.id), at, {
          ...target,
          Input: JSON.stringify({ requestId: record.id }),
        });
        rebuilt++;
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return rebuilt;
}
