import { type FieldIssue, ValidationError, zodIssues } from '@access-broker/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import type { RequestSpec } from './route-spec';

/**
 * Validates every part of a request a route declares, and reports every bad field at once (path parameters,
 * headers, query, body) without running anything else. Header names are matched case-insensitively.
 */
export function parseRequest(spec: RequestSpec, event: APIGatewayProxyEventV2) {
  const issues: FieldIssue[] = [];
  const check = <T extends z.ZodType>(schema: T | undefined, value: () => unknown) => {
    if (!schema) return undefined;
    const parsed = schema.safeParse(value());
    if (parsed.success) return parsed.data as z.output<T>;
    issues.push(...zodIssues(parsed.error));
    return undefined;
  };
  const params = check(spec.params, () => event.pathParameters ?? {});
  const headers = check(spec.headers, () =>
    Object.fromEntries(
      Object.keys(spec.headers?.shape ?? {}).map((name) => [name, event.headers[name.toLowerCase()]]),
    ),
  );
  const query = check(spec.query, () => event.queryStringParameters ?? {});
  let body: unknown;
  if (spec.body) {
    const raw = rawBody(event);
    if (!raw) issues.push({ field: '(body)', reason: 'a body is required' });
    else {
      const decoded = spec.form ? Object.fromEntries(new URLSearchParams(raw)) : json(raw);
      if (decoded === NOT_JSON) issues.push({ field: '(body)', reason: 'is not valid JSON' });
      else body = spec.bodyCheckedByHandler ? decoded : check(spec.body, () => decoded);
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { params, headers, query, body };
}

/** The body as sent: API Gateway base64-encodes bodies it does not take for text. */
export function rawBody(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

const NOT_JSON = Symbol('not JSON');

function json(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return NOT_JSON;
  }
}
