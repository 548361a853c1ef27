import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HandlerDeps } from '../wiring/handler-deps';
import { type LambdaHandler, lambdaHandler } from '../wiring/lambda-handler';
import { authenticate } from '../identity/authenticate';
import { problemJson } from './middleware/problem-json';
import { parseRequest } from './parse-request';
import type { RequestSpec, ResponseSpec, RouteInput, RouteSpec } from './route-spec';

export type HttpHandler = LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

const ANONYMOUS = { actor: 'anonymous', scopes: [] };

/**
 * The Lambda behind one route: the bearer token checked for the route's scope, every declared input
 * validated, then the route's own logic; any error becomes problem+json in one place.
 */
export function httpHandler<Q extends RequestSpec, R extends Record<number, ResponseSpec>>(
  route: RouteSpec<Q, R>,
  deps: HandlerDeps,
): HttpHandler {
  return lambdaHandler(
    deps.logger,
    async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
      const identity =
        route.scope === 'public'
          ? ANONYMOUS
          : await authenticate(deps.config, event.headers.authorization, route.scope);
      deps.logger.appendKeys({ actor: identity.actor });
      const input = { ...parseRequest(route.request, event), identity, event } as RouteInput<Q>;
      const reply = await route.handle(input, deps);
      const text = route.responses[reply.status]?.contentType;
      return {
        statusCode: reply.status,
        headers: { 'content-type': text ? `${text}; charset=utf-8` : 'application/json', ...reply.headers },
        ...(reply.body === undefined ? {} : { body: text ? String(reply.body) : JSON.stringify(reply.body) }),
      };
    },
    problemJson(deps.logger, { bearer: route.scope !== 'public' }),
  );
}
