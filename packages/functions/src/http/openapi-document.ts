import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { problemSchema } from './response-schemas';
import type { AnyRoute } from './route-spec';

/**
 * The OpenAPI 3.1 document, generated from the route records: the same zod schemas validate each request
 * and type each response. It takes the routes as an argument so the route table can serve it.
 */
export function openApiDocument(routes: readonly AnyRoute[]): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const route of routes) registry.registerPath(pathConfig(route, bearer.name));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'access-broker',
      version: '1',
      description: 'Time-boxed, approved, External-ID-protected AWS access for third parties.',
    },
  }) as unknown as Record<string, unknown>;
}

function pathConfig(route: AnyRoute, bearer: string): RouteConfig {
  const { request } = route;
  const responses: RouteConfig['responses'] = {};
  for (const [status, response] of Object.entries(route.responses))
    responses[status] = {
      description: response.description,
      ...(response.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, description]) => [
                name,
                { description, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
      ...(response.schema
        ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
        : {}),
    };
  for (const [status, description] of Object.entries(route.problems))
    responses[status] = {
      description,
      ...(status === '401' && route.scope !== 'public'
        ? { headers: { 'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } } } }
        : {}),
      content: { 'application/problem+json': { schema: problemSchema } },
    };
  return {
    operationId: route.name,
    method: route.method.toLowerCase() as RouteConfig['method'],
    // OpenAPI paths use the same {name} templates.
    path: route.path,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security:
      route.scope === 'public' ? [] : [{ [bearer]: route.scope === 'authenticated' ? [] : [route.scope] }],
    request: {
      ...(request.params ? { params: request.params } : {}),
      ...(request.query ? { query: request.query } : {}),
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body
        ? {
            body: {
              required: true,
              content: {
                [request.form ? 'application/x-www-form-urlencoded' : 'application/json']: {
                  schema: request.body as z.ZodType,
                },
              },
            },
          }
        : {}),
    },
    responses,
  };
}
