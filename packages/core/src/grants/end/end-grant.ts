import { GrantConflictError } from '../../errors';
import type { GrantRecord } from '../../requests/request-record';
import { transition } from '../../requests/transition';
import type { BrokerContext } from '../../context/broker-context';
import { loadRequest } from '../../requests/load-request';
import { beginTeardown, finishTeardown, stallMs, type TeardownCtx, type TeardownInput } from './teardown';

// Ending a grant, one entry per trigger: a revoke (a person, or the sweeper for a grant past its end), the expiry
// schedule, a cancel (no role yet), a failed provisioning. All of them go through the same teardown
// (teardown.ts: deny every session, remove the role, record the outcome), so a grant ends the same way
// whatever ended it.

export interface RevokeInput extends Omit<TeardownInput, 'failure'> {
  id: string;
}

const MAX_ATTEMPTS = 10;

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
  // A revoke must not lose to a concurrent write (an extension, a partial approval, a provisioning step):
  // on a conflict it reads again and tries again, until it wins or finds the grant already ending.
  for (let attempt = 1; ; attempt++) {
    const record = await loadRequest(ctx.store, input.id);
    try {
      return await revokeOnce(ctx, record, input);
    } catch (error) {
      if (!(error instanceof GrantConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function revokeOnce(ctx: Ctx, record: GrantRecord, input: RevokeInput): Promise<GrantRecord> {
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
  // Already ending (someone else tears down) or over: the true state, never a stale ACTIVE.
  if (!revocable) return record;
  const started = await beginTeardown(ctx, record, input);
  // A workflow waiting on an extension decision has nothing left to wait for.
  if (record.taskToken)
    await ctx.workflow.abort(record.taskToken, 'Cancelled', `grant ended: ${input.reason}`);
  try {
    return await finishTeardown(ctx, started);
  } catch (error) {
    // Our teardown's own write lost to another teardown of the same grant: that one reports the outcome.
    if (error instanceof GrantConflictError) return loadRequest(ctx.store, input.id);
    throw error;
  }
}

/**
 * How early a firing may be and still end the grant on time by waiting: Scheduler's `at()` has second
 * precision and its clock and the function's may differ by a little. Below the function's 30 s timeout.
 */
export const MAX_EARLY_WAIT_MS = 20_000;

/**
 * What the one-time expiry schedule invokes. It ends the grant at its expiry, whoever's clock fired it:
 * - past the expiry → revoke (idempotent: a grant already ended is returned as it is);
 * - a little early (within MAX_EARLY_WAIT_MS) → wait for the expiry, then revoke: the firing is not used up;
 * - far too early (the grant was extended and this firing is stale, or a clock is far off) → schedule the
 *   expiry again, at the right time, and leave the grant alone.
 * The trust and deny conditions (aws:CurrentTime) remain the hard bound in IAM, whatever fires when.
 */
export async function expireGrant(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler' | 'workflow'>,
  id: string,
): Promise<GrantRecord> {
  const record = await loadRequest(ctx.store, id);
  if (!record.expiresAt) return record;
  const early = Date.parse(record.expiresAt) - ctx.clock.now().getTime();
  const live = record.status === 'ACTIVE' || record.status === 'PROVISIONING';
  if (early > 0 && !live) return record;
  if (early > MAX_EARLY_WAIT_MS) {
    await ctx.scheduler.scheduleExpiry(id, new Date(record.expiresAt));
    return record;
  }
  if (early > 0) await ctx.clock.sleep(early);
  // Never active and now over: a provisioning that failed, said as such (as the sweeper says it).
  if ((await loadRequest(ctx.store, id)).status === 'PROVISIONING') {
    try {
      return await failProvisioning(ctx, { id, error: NEVER_ACTIVE });
    } catch (error) {
      // It became active (or started ending) meanwhile: the ordinary end below.
      if (!(error instanceof GrantConflictError)) throw error;
    }
  }
  return revokeGrant(ctx, { id, reason: 'expired', by: 'expiry-schedule' });
}

/** Why a grant whose provisioning outlived its window ends FAILED (the expiry schedule and the sweeper). */
export const NEVER_ACTIVE = 'provisioning did not finish before the grant expired';

/**
 * Withdraw a request that has no role yet (pending or approved-but-not-started). The waiting workflow, if
 * any, is failed through its task token so no execution is left hanging.
 */
async function cancelRequest(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'workflow'>,
  input: { record: GrantRecord; by: string; comment?: string },
): Promise<GrantRecord> {
  const { record, by } = input;
  const at = ctx.clock.now().toISOString();
  const cancelled = await transition(ctx, record, {
    to: 'CANCELLED',
    action: 'CANCELLED',
    actor: by,
    changes: {
      decision: { outcome: 'cancelled', by, at, ...(input.comment ? { comment: input.comment } : {}) },
      taskToken: undefined,
    },
  });
  if (record.taskToken) await ctx.workflow.abort(record.taskToken, 'Cancelled', `cancelled by ${by}`);
  return cancelled;
}

/**
 * The workflow's Catch after provisioning gave up: remove whatever was created and end FAILED, recording the
 * error. It runs the same teardown as a revocation, so a half-created role is never left behind; if that
 * teardown fails too, the grant goes REVOKE_FAILED and the sweeper finishes it.
 */
export async function failProvisioning(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler'>,
  input: { id: string; error: string },
): Promise<GrantRecord> {
  const record = await loadRequest(ctx.store, input.id);
  const failure = { reason: input.error.slice(0, 500), at: ctx.clock.now().toISOString() };
  if (record.status === 'APPROVED') {
    // Failed before provisioning began: nothing was created in IAM.
    return transition(ctx, record, {
      to: 'FAILED',
      action: 'PROVISIONING_FAILED',
      actor: 'workflow',
      changes: { failure },
    });
  }
  if (record.status !== 'PROVISIONING') return record;
  const revoking = await beginTeardown(ctx, record, {
    reason: 'provisioning-failed',
    by: 'workflow',
    failure,
  });
  return finishTeardown(ctx, revoking);
}
