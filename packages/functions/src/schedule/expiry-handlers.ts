import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { expireGrant, sweepDueGrants, ValidationError, reconcileOrphans } from '@access-broker/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import type { HandlerDeps } from '../runtime/handler-deps';

const expireEvent = z.object({ requestId: z.string().regex(/^[0-9a-z]{1,64}$/) });

/** The one-time schedule's target: ends the grant if its expiry has really passed. */
export function expireHandler(deps: HandlerDeps) {
  return middy<unknown, { status: string }>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .handler(async (event) => {
      const parsed = expireEvent.safeParse(event);
      if (!parsed.success) throw ValidationError.of('requestId', 'the schedule input names no request');
      const record = await expireGrant(deps, parsed.data.requestId);
      deps.logger.info('expiry fired', { requestId: record.id, status: record.status });
      return { status: record.status };
    }) as unknown as (event: unknown, context: Context) => Promise<{ status: string }>;
}

/** The periodic safety net (rate(5 minutes) in AWS, every few seconds locally). */
export function sweepHandler(deps: HandlerDeps, options: { limit: number } = { limit: 100 }) {
  return middy<unknown, Record<string, number>>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .handler(async () => {
      const result = await sweepDueGrants(deps, options);
      if (result.due > 0) deps.logger.info('sweep', { ...result });
      if (result.failed > 0)
        deps.logger.error('teardowns still failing; the sweeper will retry', { ...result });
      return { ...result };
    }) as unknown as (event: unknown, context: Context) => Promise<Record<string, number>>;
}

/** Removes roles under /access-broker/ that no live grant owns; each removal is logged with its reason. */
export function reconcileHandler(deps: HandlerDeps) {
  return middy<unknown, { removed: number }>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .handler(async () => {
      const removed = await reconcileOrphans(deps);
      for (const removal of removed) deps.logger.warn('orphaned grant role removed', { ...removal });
      return { removed: removed.length };
    }) as unknown as (event: unknown, context: Context) => Promise<{ removed: number }>;
}
