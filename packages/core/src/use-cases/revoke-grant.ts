import { BrokerError, GrantConflictError } from '../errors';
import { durationSeconds } from '../request/duration';
import type { GrantRecord, RevokeReason } from '../grant/grant-record';
import { transition } from '../grant/transition';
import type { BrokerContext } from './broker-context';
import { cancelRequest } from './close-request';
import { loadRequest } from './load-request';

export interface RevokeInput {
  id: string;
  reason: RevokeReason;
  by: string;
  comment?: string;
}

const RETRY_MAX_MS = 15 * 60_000;

type TeardownCtx = Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler'>;

const stallMs = (ctx: Pick<BrokerContext, 'config'>) =>
  durationSeconds(ctx.config.limits.teardownStallAfter) * 1000;
type Ctx = TeardownCtx & Pick<BrokerContext, 'workflow'>;

/**
 * End a grant: early revoke, expiry, sweeper retry and provisioning cleanup all come through here.
 * 1. Already over → returned unchanged; not started yet → cancelled instead.
 * 2. → REVOKING (conditional): exactly one caller tears down; the others see it in progress and return.
 *    `dueAt` is set a little ahead, so a teardown that dies half-way is picked up by the sweeper.
 * 3. Tear the role down (revoke sessions first), then delete the expiry schedule.
 * 4. → REVOKED (FAILED for a provisioning cleanup); on error → REVOKE_FAILED with a backoff `dueAt`,
 *    which publishes "Revocation Failed" and keeps the grant in the sweeper's index until the role is gone.
 */
export async function revokeGrant(ctx: Ctx, input: RevokeInput): Promise<GrantRecord> {
  const record = await loadRequest(ctx.store, input.id);
  if (record.status === 'PENDING_APPROVAL' || record.status === 'APPROVED') {
    return cancelRequest(ctx, { record, by: input.by, ...(input.comment ? { comment: input.comment } : {}) });
  }
  const now = ctx.clock.now();
  const stalled =
    record.status === 'REVOKING' &&
    Date.parse(record.revocation?.startedAt ?? '') + stallMs(ctx) <= now.getTime();
  const revocable =
    record.status === 'ACTIVE' ||
    record.status === 'PROVISIONING' ||
    record.status === 'REVOKE_FAILED' ||
    stalled;
  if (!revocable) return record;

  try {
    const ended = await finishTeardown(ctx, await beginTeardown(ctx, record, input));
    // A workflow waiting on an extension decision has nothing left to wait for.
    if (record.taskToken)
      await ctx.workflow.abort(record.taskToken, 'Cancelled', `grant ended: ${input.reason}`);
    return ended;
  } catch (error) {
    // Someone else (schedule, sweeper, another revoke) won the race and is tearing down: not an error.
    if (error instanceof GrantConflictError) return loadRequest(ctx.store, input.id);
    throw error;
  }
}

/** → REVOKING, keeping the first reason across retries; `failure` records why provisioning gave up. */
export function beginTeardown(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock'>,
  record: GrantRecord,
  input: Omit<RevokeInput, 'id'> & { failure?: GrantRecord['failure'] },
): Promise<GrantRecord> {
  const now = ctx.clock.now();
  const previous = record.revocation;
  const reason = previous?.reason ?? input.reason;
  const comment = previous?.comment ?? input.comment;
  return transition(ctx, record, {
    to: 'REVOKING',
    action: 'REVOCATION_STARTED',
    actor: input.by,
    changes: {
      revocation: {
        reason,
        by: previous?.by ?? input.by,
        ...(comment ? { comment } : {}),
        startedAt: now.toISOString(),
        attempts: (previous?.attempts ?? 0) + 1,
      },
      dueAt: new Date(now.getTime() + stallMs(ctx)).toISOString(),
      ...(input.failure ? { failure: input.failure } : {}),
    },
    detail: { reason },
  });
}

/** Tear the role down and record the outcome: REVOKED/FAILED, or REVOKE_FAILED with a backoff. */
export async function finishTeardown(ctx: TeardownCtx, record: GrantRecord): Promise<GrantRecord> {
  const revocation = record.revocation!;
  const actor = revocation.by;
  try {
    if (record.roleName)
      await ctx.provisioner.teardownRole(record.targetAccountId, {
        roleName: record.roleName,
        managedPolicyArns: record.managedPolicyArns,
      });
  } catch (error) {
    const delay = Math.min(
      durationSeconds(ctx.config.limits.teardownRetryBackoff) * 1000 * 2 ** (revocation.attempts - 1),
      RETRY_MAX_MS,
    );
    return transition(ctx, record, {
      to: 'REVOKE_FAILED',
      action: 'REVOCATION_FAILED',
      actor,
      changes: {
        revocation: { ...revocation, lastError: describe(error) },
        dueAt: new Date(ctx.clock.now().getTime() + delay).toISOString(),
      },
      detail: { reason: describe(error), attempts: revocation.attempts },
    });
  }
  // The schedule is a convenience: once the role is gone a stale one fires into a no-op. Say so, don't fail.
  const scheduleCleanup = await ctx.scheduler.cancelExpiry(record.id).then(
    () => 'deleted',
    (error: unknown) => `left behind: ${describe(error)}`,
  );
  const failedProvisioning = revocation.reason === 'provisioning-failed';
  const completedAt = ctx.clock.now().toISOString();
  return transition(ctx, record, {
    to: failedProvisioning ? 'FAILED' : 'REVOKED',
    action: failedProvisioning
      ? 'PROVISIONING_FAILED'
      : revocation.reason === 'expired'
        ? 'EXPIRED'
        : 'REVOKED',
    actor,
    changes: { revocation: { ...revocation, completedAt }, dueAt: undefined, taskToken: undefined },
    detail: { reason: revocation.reason, scheduleCleanup },
  });
}

function describe(error: unknown): string {
  if (error instanceof BrokerError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.name : 'unknown error';
}
