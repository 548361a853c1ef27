import { grantAccounts, grantRoleArn } from '../grants/grant-accounts';
import type { GrantRecord } from '../requests/request-record';
import type { BrokerContext } from '../context/broker-context';
import { activityFromCloudTrail } from './activity-record';

/** An EventBridge event as the activity rule delivers it: the envelope AWS sets, and CloudTrail's record. */
export interface CloudTrailEvent {
  source?: unknown;
  'detail-type'?: unknown;
  account?: unknown;
  detail?: unknown;
}

export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

/**
 * How far a call's time may lie outside the grant's life and still be its evidence: CloudTrail stamps calls
 * with AWS's clock and the broker its life with the functions' clock; both are NTP-synchronised to well
 * within this.
 */
export const ACTIVITY_CLOCK_SLACK_MS = 5 * 60_000;

export type ActivityOutcome =
  'recorded' | 'duplicate' | 'not from CloudTrail' | 'not a grant session' | 'not this grant';

/**
 * Records one CloudTrail event as activity on the grant whose role made it, once its provenance holds:
 * 1. CloudTrail emitted it: `source` is `aws.*`, which no PutEvents caller may use, and the detail-type is
 *    CloudTrail's (the rule matches both too; this is the second net).
 * 2. It was made in one of the grant's accounts, with a session of exactly the grant's role ARN there.
 * 3. It happened within the grant's life (from activation to its end), give or take the clock slack.
 * 4. It is written once: an event id already recorded is never overwritten.
 * Anything else is no evidence of this grant, is dropped (never retried), and says why.
 */
export async function recordActivity(
  ctx: Pick<BrokerContext, 'store' | 'activity'>,
  event: CloudTrailEvent,
): Promise<ActivityOutcome> {
  if (typeof event.source !== 'string' || !event.source.startsWith('aws.')) return 'not from CloudTrail';
  if (event['detail-type'] !== CLOUDTRAIL_DETAIL_TYPE) return 'not from CloudTrail';
  const entry = activityFromCloudTrail(event.detail);
  if (!entry) return 'not a grant session';
  const record = await ctx.store.get(entry.requestId);
  if (!record || !madeWith(record, event) || !withinLife(record, Date.parse(entry.at)))
    return 'not this grant';
  // madeWith checked the account is one of the grant's.
  const accountId = event.account as string;
  return (await ctx.activity.record({ ...entry, accountId })) ? 'recorded' : 'duplicate';
}

function madeWith(record: GrantRecord, event: CloudTrailEvent): boolean {
  const detail = event.detail as {
    recipientAccountId?: unknown;
    userIdentity?: {
      type?: unknown;
      arn?: unknown;
      accountId?: unknown;
      sessionContext?: { sessionIssuer?: { arn?: unknown } };
    };
  };
  // The key user's own calls: exactly the user made for this grant, in its account.
  if (detail.userIdentity?.type === 'IAMUser')
    return (
      record.accessKey !== undefined &&
      detail.userIdentity.arn === record.accessKey.userArn &&
      event.account === record.targetAccountId &&
      (detail.recipientAccountId === undefined || detail.recipientAccountId === record.targetAccountId) &&
      detail.userIdentity.accountId === record.targetAccountId
    );
  // The account the event came from must be one of the grant's, and the session the grant's role there.
  const account = event.account;
  return (
    typeof account === 'string' &&
    record.roleName !== undefined &&
    record.roleArn !== undefined &&
    grantAccounts(record).includes(account) &&
    detail.userIdentity?.sessionContext?.sessionIssuer?.arn ===
      grantRoleArn(record.principal.partition, account, record.roleName) &&
    (detail.recipientAccountId === undefined || detail.recipientAccountId === account) &&
    (detail.userIdentity?.accountId === undefined || detail.userIdentity.accountId === account)
  );
}

/** From activation to the later of its expiry and its teardown, widened by the clock slack either way. */
function withinLife(record: GrantRecord, at: number): boolean {
  if (!record.activatedAt) return false;
  const ends = [record.expiresAt, record.revocation?.completedAt].map((time) => Date.parse(time ?? ''));
  const end = Math.max(...ends.filter((time) => !Number.isNaN(time)));
  return (
    at >= Date.parse(record.activatedAt) - ACTIVITY_CLOCK_SLACK_MS &&
    Number.isFinite(end) &&
    at <= end + ACTIVITY_CLOCK_SLACK_MS
  );
}
