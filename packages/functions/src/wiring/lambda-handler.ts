import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

/** What Lambda calls: the event and its context in, the function's result out. */
export type LambdaHandler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>;

/**
 * Every broker Lambda is built here: the logger gets the invocation's context (and forgets keys appended for
 * the previous one), then any edge-specific middlewares, then `run`. Middy's handler type carries extra
 * fields and overloads Lambda never uses, so the one cast to Lambda's own signature lives here.
 */
export function lambdaHandler<TEvent, TResult>(
  logger: Logger,
  run: (event: TEvent, context: Context) => Promise<TResult>,
  ...middlewares: MiddlewareObj<TEvent, TResult>[]
): LambdaHandler<TEvent, TResult> {
  const handler = middy<TEvent, TResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }) as MiddlewareObj<TEvent, TResult>)
    .use(middlewares)
    .handler(run);
  return handler as unknown as LambdaHandler<TEvent, TResult>;
}
