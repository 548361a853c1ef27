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
const MAX_ATTEMPTS = 10;

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
 * The role of a grant that stopped being live while a provisioning or an extension was in flight: a revoke
 * won the race. The late writer removes what it created or changed itself, at once (teardown is idempotent
 * and safe to run concurrently), and reports the grant's true state.
 */
export async function yieldToRevocation(
  ctx: Pick<BrokerContext, 'store' | 'provisioner' | 'scheduler'>,
  id: string,
  role: { roleName: string; managedPolicyArns: readonly string[]; targetAccountId: string },
): Promise<GrantRecord | undefined> {
  const current = await loadRequest(ctx.store, id);
  if (current.status === 'ACTIVE' || current.status === 'PROVISIONING') return undefined;
  await ctx.provisioner.teardownRole(role.targetAccountId, role);
  await ctx.scheduler.cancelExpiry(id).catch(() => undefined);
  return current;
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
    // A failed provisioning that never confirmed its role may find someone else's under the same name.
    const unconfirmed = revocation.reason === 'provisioning-failed' && !record.roleArn;
    if (record.roleName)
      await ctx.provisioner.teardownRole(record.targetAccountId, {
        roleName: record.roleName,
        managedPolicyArns: record.managedPolicyArns,
        ...(unconfirmed ? { onlyIfOwnedBy: record.id } : {}),
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
