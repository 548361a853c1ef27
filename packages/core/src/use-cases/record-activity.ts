import { activityFromCloudTrail } from '../activity/activity-record';
import type { BrokerContext } from './broker-context';

/**
 * Records one CloudTrail event as activity on the grant whose role made it. Calls by a role that belongs to no
 * request the broker knows are not evidence of anything here, and are dropped.
 */
export async function recordActivity(
  ctx: Pick<BrokerContext, 'store' | 'activity'>,
  cloudTrailDetail: unknown,
): Promise<'recorded' | 'not a grant session'> {
  const entry = activityFromCloudTrail(cloudTrailDetail);
  if (!entry || !(await ctx.store.get(entry.requestId))) return 'not a grant session';
  await ctx.activity.record(entry);
  return 'recorded';
}
