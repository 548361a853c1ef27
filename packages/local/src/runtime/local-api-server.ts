import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_ROUTES } from '@access-broker/functions';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { guarded } from '@access-broker/local-aws';

// API Gateway HTTP APIs accept payloads up to 10 MB; nothing the broker takes comes near 256 KB.
const MAX_BODY_BYTES = 256 * 1024;

interface BoundRoute {
  method: string;
  pattern: RegExp;
  routeKey: string;
  name: string;
}

/** API Gateway's JWT authorizer: which routes it guards, and whether it lets an Authorization header through. */
export interface GatewayAuthorizer {
  guards(routeName: string): boolean;
  allows(authorization: string | undefined): Promise<boolean>;
}

/** Invokes the function behind a route, as API Gateway's Lambda proxy integration does. */
export type RouteInvoker = (
  routeName: string,
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * A loopback HTTP API that turns each request into an API Gateway v2 (payload 2.0) event, invokes the
 * route's function, and writes back its structured result. A function that fails is a 500, as in API Gateway.
 */
export async function startLocalApi(
  invoke: RouteInvoker,
  port: number,
  gateway: GatewayAuthorizer = { guards: () => false, allows: async () => true },
  /** Why the local runtime cannot keep changes now (its disk is full), if it cannot. */
  storage: () => Error | undefined = () => undefined,
): Promise<{ url: string; server: Server }> {
  const routes: BoundRoute[] = HTTP_ROUTES.map((route) => ({
    method: route.method,
    pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
    routeKey: `${route.method} ${route.path}`,
    name: route.name,
  }));
  const server = createServer(
    guarded(async (request, response) => {
      const url = URL.parse(request.url ?? '/', 'http://localhost');
      const { send, problem } = replies(response);
      if (!url) return problem(400, 'Bad request');
      // The local runtime's own answer while its disk refuses writes: new work is refused, reads go on.
      const full = request.method !== 'GET' && request.method !== 'HEAD' ? storage() : undefined;
      if (full)
        return problem(
          503,
          'Storage unavailable',
          { 'retry-after': '5' },
          `${full.message}. Nothing was changed; free some space and try again (the broker resumes by itself).`,
        );
      const candidates = routes.filter((route) => route.pattern.test(url.pathname));
      const route = candidates.find((candidate) => candidate.method === request.method);
      if (!route)
        return candidates.length > 0
          ? problem(405, 'Method not allowed', {
              allow: candidates.map((candidate) => candidate.method).join(', '),
            })
          : problem(404, 'Not found');
      // API Gateway's own answer: not problem+json, and the function never runs.
      if (gateway.guards(route.name) && !(await gateway.allows(request.headers.authorization)))
        return send(401, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Unauthorized' }));
      const body = await readBody(request).catch(() => null);
      if (body === null) return problem(400, 'Bad request');
      if (body === undefined) return problem(413, 'Payload too large');
      await runRoute(() => invoke(route.name, apiGatewayEvent(request, url, route, body)), send);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

type Send = (status: number, headers: Record<string, string>, body?: string) => void;

function replies(response: ServerResponse) {
  const send: Send = (status, headers, body) => {
    response.writeHead(status, headers);
    response.end(body);
  };
  const problem = (status: number, title: string, headers: Record<string, string> = {}, detail = title) =>
    send(
      status,
      { 'content-type': 'application/problem+json', ...headers },
      JSON.stringify({
        type: 'about:blank',
        title,
        status,
        detail,
        code: title.toUpperCase().replace(/ /g, '_'),
      }),
    );
  return { send, problem };
}

/** The function's structured result as the response; API Gateway's own answer when the function fails. */
async function runRoute(run: () => Promise<APIGatewayProxyStructuredResultV2>, send: Send) {
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await run();
  } catch (error) {
    // API Gateway's answers: 503 when the function timed out, 500 when it failed.
    const timedOut = error instanceof Error && error.name === 'Sandbox.Timedout';
    return send(
      timedOut ? 503 : 500,
      { 'content-type': 'application/json' },
      JSON.stringify({ message: timedOut ? 'Service Unavailable' : 'Internal Server Error' }),
    );
  }
  send(
    result.statusCode ?? 200,
    Object.fromEntries(Object.entries(result.headers ?? {}).map(([key, value]) => [key, String(value)])),
    result.body,
  );
}

function apiGatewayEvent(
  request: IncomingMessage,
  url: URL,
  route: BoundRoute,
  body: string,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const query = Object.fromEntries(url.searchParams);
  const groups = route.pattern.exec(url.pathname)?.groups;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.searchParams.toString(),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(groups ? { pathParameters: { ...groups } } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body } : {}),
    isBase64Encoded: false,
  };
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
