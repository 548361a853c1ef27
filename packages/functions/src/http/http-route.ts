import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { type Scope, ValidationError } from '@access-broker/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { HandlerDeps } from '../runtime/handler-deps';
import { type ApiIdentity, authenticate } from './middleware/bearer-auth';
import { problemJson } from './middleware/problem-json';

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One HTTP route as a middy handler: errors mapped to problem+json, the bearer token checked for `scope`,
 * then the route's own logic, which only parses input and calls a core use case.
 */
export function httpRoute(
  deps: Pick<HandlerDeps, 'config' | 'logger'>,
  scope: Scope | 'public',
  route: (event: APIGatewayProxyEventV2, identity: ApiIdentity) => Promise<RouteResult>,
): HttpHandler {
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    // resetKeys: keys appended for one invocation (the client id) never leak into the next.
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(problemJson(deps.logger))
    .handler(async (event) => {
      const identity =
        scope === 'public'
          ? { clientId: 'anonymous', scopes: [] }
          : authenticate(deps.config.apiClients, event.headers.authorization, scope);
      deps.logger.appendKeys({ clientId: identity.clientId });
      const result = await route(event, identity);
      return {
        statusCode: result.status,
        headers: { 'content-type': 'application/json', ...result.headers },
        ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
      };
    });
  return handler as unknown as HttpHandler;
}

/** The JSON body of a request; anything that is not JSON is a 400 naming the body. */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  const raw =
    event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (!raw) throw ValidationError.of('(body)', 'a JSON body is required');
  try {
    return JSON.parse(raw);
  } catch {
    throw ValidationError.of('(body)', 'is not valid JSON');
  }
}

export function pathId(event: APIGatewayProxyEventV2): string {
  const id = event.pathParameters?.id ?? '';
  if (!/^[0-9a-z]{1,64}$/.test(id)) throw ValidationError.of('id', 'is not a request id');
  return id;
}
