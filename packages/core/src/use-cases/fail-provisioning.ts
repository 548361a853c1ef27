import type { GrantRecord } from '../grant/grant-record';
import { transition } from '../grant/transition';
import type { BrokerContext } from './broker-context';
import { loadRequest } from './load-request';
import { beginTeardown, finishTeardown } from './grant-teardown';

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
