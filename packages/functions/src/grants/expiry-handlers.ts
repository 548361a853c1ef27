import {
  expireGrant,
  finishSuspensions,
  ReconcileIncompleteError,
  reconcileOrphans,
  remindExpiringGrants,
  sweepDueGrants,
  ValidationError,
} from '@access-broker/core';
import * as z from 'zod';
import type { HandlerDeps } from '../wiring/handler-deps';
import { lambdaHandler } from '../wiring/lambda-handler';

const expireEvent = z.object({ requestId: z.string().regex(/^[0-9a-z]{1,64}$/) });

/** The one-time schedule's target: ends the grant if its expiry has really passed. */
export function expireHandler(deps: HandlerDeps) {
  return lambdaHandler(deps.logger, async (event: unknown) => {
    const parsed = expireEvent.safeParse(event);
    if (!parsed.success) throw ValidationError.of('requestId', 'the schedule input names no request');
    const record = await expireGrant(deps, parsed.data.requestId);
    deps.logger.info('expiry fired', { requestId: record.id, status: record.status });
    return { status: record.status };
  });
}

/** The periodic safety net (rate(5 minutes) in AWS, every few seconds locally). */
export function sweepHandler(deps: HandlerDeps, options: { limit: number } = { limit: 100 }) {
  return lambdaHandler(deps.logger, async (): Promise<Record<string, number>> => {
    const result = {
      ...(await sweepDueGrants(deps, options)),
      reminded: await remindExpiringGrants(deps, options),
      // A vendor suspension cut short (the process died mid-way) is finished here: the kill switch holds.
      endedForSuspendedVendors: await finishSuspensions(deps),
    };
    if (result.due > 0 || result.reminded > 0 || result.endedForSuspendedVendors > 0)
      deps.logger.info('sweep', { ...result });
    if (result.failed > 0)
      deps.logger.error('teardowns still failing; the sweeper will retry', { ...result });
    return { ...result };
  });
}

/**
 * Removes roles under /access-broker/ that no live grant owns; each removal is logged with its reason. An
 * account or a role it could not handle is logged on its own, and the run then fails (its Errors alarm).
 */
export function reconcileHandler(deps: HandlerDeps) {
  return lambdaHandler(deps.logger, async () => {
    try {
      const removed = await reconcileOrphans(deps);
      for (const removal of removed) deps.logger.warn('orphaned grant role removed', { ...removal });
      return { removed: removed.length };
    } catch (error) {
      if (!(error instanceof ReconcileIncompleteError)) throw error;
      for (const removal of error.removed) deps.logger.warn('orphaned grant role removed', { ...removal });
      for (const failure of error.failures) deps.logger.error('reconcile failed', { ...failure });
      throw error;
    }
  });
}
