import { GrantConflictError } from '../errors';
import type { GrantRecord } from '../grant/grant-record';
import type { BrokerContext } from './broker-context';
import { cancelRequest } from './cancel-request';
import {
  beginTeardown,
  finishTeardown,
  stallMs,
  type TeardownCtx,
  type TeardownInput,
} from './grant-teardown';
import { loadRequest } from './load-request';

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
