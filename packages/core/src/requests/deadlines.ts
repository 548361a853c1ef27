import type { BrokerConfig } from '../config/config-schema';
import { durationSeconds } from './duration';
import type { GrantRecord } from './request-record';

type Limits = Pick<BrokerConfig, 'limits'>;

const at = (ms: number) => new Date(ms).toISOString();
const earliest = (...times: (string | undefined)[]) =>
  times.filter((time): time is string => time !== undefined).sort()[0];

/** How long a workflow step may take before the sweeper takes the request over (`limits.workflowStallAfter`). */
const workflowStallMs = (config: Limits) => durationSeconds(config.limits.workflowStallAfter) * 1000;

/**
 * The time by which a record in its state must have moved on: every state but the terminal ones has one, and
 * the sweeper (the owner of every overdue record) finds it through the sparse byExpiry index when it passes.
 *
 * | state            | must have moved on by                                  | owner until then          |
 * | ---------------- | ------------------------------------------------------ | ------------------------- |
 * | PENDING_APPROVAL | the workflow's wait, once waiting: the approval timeout | the workflow              |
 * | APPROVED         | its start (now, or `startAt`) + the stall              | the workflow (Provision)  |
 * | PROVISIONING     | now + the stall, at the latest its expiry              | the workflow (Provision)  |
 * | ACTIVE           | its expiry; an extension not yet applied: + the stall  | the schedule / workflow   |
 * | REVOKING         | now + `teardownStallAfter`                             | whoever began the teardown |
 * | REVOKE_FAILED    | the retry backoff (set by the teardown)                | the sweeper               |
 *
 * Each deadline is a little after the step's own (the stall, `limits.workflowStallAfter`), so the sweeper
 * only steps in when the owner has failed silently.
 */
export function deadlineOf(record: GrantRecord, config: Limits, now: Date): string | undefined {
  const stall = workflowStallMs(config);
  const soon = at(now.getTime() + stall);
  switch (record.status) {
    case 'PENDING_APPROVAL':
      return record.taskToken ? at(approvalEndsMs(record, config) + stall) : soon;
    case 'APPROVED':
      return record.startAt && Date.parse(record.startAt) > now.getTime()
        ? at(Date.parse(record.startAt) + stall)
        : soon;
    case 'PROVISIONING':
      return earliest(record.expiresAt, soon);
    case 'ACTIVE': {
      const waiting = record.extension && !record.extension.approved && record.taskToken;
      return record.extension && !waiting ? earliest(record.expiresAt, soon) : record.expiresAt;
    }
    case 'REVOKING':
      return at(now.getTime() + durationSeconds(config.limits.teardownStallAfter) * 1000);
    case 'REVOKE_FAILED':
      return record.dueAt ?? soon;
    default:
      return undefined;
  }
}

/** When the request (or its pending extension) stops waiting for approvers: the approval timeout. */
export function approvalEndsMs(record: GrantRecord, config: Limits): number {
  const since = Date.parse(record.extension?.requestedAt ?? record.createdAt);
  return since + durationSeconds(config.limits.approvalTimeout) * 1000;
}
