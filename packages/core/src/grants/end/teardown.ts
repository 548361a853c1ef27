import { BrokerError, TeardownError } from '../../errors';
import { grantAccounts } from '../grant-accounts';
import { keyUserName } from '../key-user';
import type { GrantRole } from '../role-provisioner';
import type { GrantRecord, RevokeReason } from '../../requests/request-record';
import { transition } from '../../requests/transition';
import { durationSeconds } from '../../requests/duration';
import type { BrokerContext } from '../../context/broker-context';
import { loadRequest } from '../../requests/load-request';

// How a grant's role is torn down and the outcome recorded: revokeGrant (revoke, expiry, sweeper) and a
// failed provisioning's cleanup both go through beginTeardown → finishTeardown.

const RETRY_MAX_MS = 15 * 60_000;

/** Why a grant ends and who ended it; `failure` records why provisioning gave up. */
export interface TeardownInput {
  reason: RevokeReason;
  by: string;
  comment?: string;
  failure?: GrantRecord['failure'];
}

export type TeardownCtx = Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler'>;

/** A teardown started this long ago and not finished died half-way: another caller may take it over. */
export const stallMs = (ctx: Pick<BrokerContext, 'config'>) =>
  durationSeconds(ctx.config.limits.teardownStallAfter) * 1000;

/**
 * The role of a grant that stopped being live while a provisioning or an extension was in flight: a revoke
 * won the race. The late writer removes what it created or changed itself, at once (teardown is idempotent
 * and safe to run concurrently), and reports the grant's true state.
 */
export async function yieldToRevocation(
  ctx: Pick<BrokerContext, 'store' | 'provisioner' | 'scheduler'>,
  id: string,
  role: Pick<GrantRecord, 'managedPolicyArns' | 'targetAccountId' | 'targetAccountIds' | 'activatedAt'> & {
    roleName: string;
  },
): Promise<GrantRecord | undefined> {
  const current = await loadRequest(ctx.store, id);
  if (current.status === 'ACTIVE' || current.status === 'PROVISIONING') return undefined;
  if (current.credentials === 'access-key')
    await ctx.provisioner.teardownKeyUser(current.targetAccountId, keyUserName(current.id));
  await teardownEverywhere(ctx, role, {
    roleName: role.roleName,
    managedPolicyArns: role.managedPolicyArns,
    ...(role.activatedAt ? { createdAfter: role.activatedAt } : {}),
  });
  // The schedule this writer may have created after the revoke's own cleanup: a failure here surfaces (the
  // step is retried, and finds the grant ended), it is not hidden.
  await ctx.scheduler.cancelExpiry(id);
  return current;
}

/** → REVOKING, keeping the first reason across retries; `failure` records why provisioning gave up. */
export function beginTeardown(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock'>,
  record: GrantRecord,
  input: TeardownInput,
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
      ...(input.failure ? { failure: input.failure } : {}),
    },
    detail: { reason, ...(comment ? { comment } : {}) },
  });
}

/** Tear the role down and record the outcome: REVOKED/FAILED, or REVOKE_FAILED with a backoff. */
export async function finishTeardown(ctx: TeardownCtx, record: GrantRecord): Promise<GrantRecord> {
  const revocation = record.revocation!;
  const actor = revocation.by;
  try {
    // A failed provisioning that never confirmed its role may find someone else's under the same name.
    const unconfirmed = revocation.reason === 'provisioning-failed' && !record.roleArn;
    // The access key first: deactivated, nobody can open a new session with it while the role goes.
    if (record.credentials === 'access-key')
      await ctx.provisioner.teardownKeyUser(record.targetAccountId, keyUserName(record.id));
    if (record.roleName)
      await teardownEverywhere(ctx, record, {
        roleName: record.roleName,
        managedPolicyArns: record.managedPolicyArns,
        ...(unconfirmed ? { onlyIfOwnedBy: record.id } : {}),
        // The role was created after activation: a missing answer sooner than IAM propagates is re-read.
        ...(record.activatedAt ? { createdAfter: record.activatedAt } : {}),
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
    changes: { revocation: { ...revocation, completedAt }, taskToken: undefined },
    detail: { reason: revocation.reason, scheduleCleanup },
  });
}

/**
 * The role goes from every account of the grant at once (each denies its sessions first). One account failing
 * does not stop the others; the failure names the account, and the retry tears down again everywhere.
 */
async function teardownEverywhere(
  ctx: Pick<BrokerContext, 'provisioner'>,
  record: Pick<GrantRecord, 'targetAccountId' | 'targetAccountIds'>,
  role: GrantRole,
): Promise<void> {
  const accounts = grantAccounts(record);
  const outcomes = await Promise.allSettled(
    accounts.map((accountId) => ctx.provisioner.teardownRole(accountId, role)),
  );
  const failed = outcomes.flatMap((outcome, i) =>
    outcome.status === 'rejected' ? [{ accountId: accounts[i]!, error: outcome.reason as unknown }] : [],
  );
  if (failed.length === 0) return;
  if (accounts.length === 1) throw failed[0]!.error;
  throw new TeardownError(
    failed.map(({ accountId, error }) => `account ${accountId}: ${describe(error)}`).join('; '),
  );
}

function describe(error: unknown): string {
  if (error instanceof BrokerError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.name : 'unknown error';
}
