import { accessRequestBodySchema, GRANT_STATUSES, extensionBodySchema } from '@access-broker/core';
import * as z from 'zod';
import { decisionBodySchema, revokeBodySchema } from './routes/request-routes';
import { HTTP_ROUTES } from './routes';

const schema = (zod: z.ZodType) => z.toJSONSchema(zod, { io: 'input', unrepresentable: 'any' });
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});

const OPERATIONS: Record<string, Record<string, unknown>> = {
  'POST /v1/requests': {
    summary: 'Ask for time-boxed access for a third party',
    parameters: [
      { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } },
    ],
    requestBody: { required: true, content: json('AccessRequest') },
    responses: {
      '202': { description: 'Created; waiting for approval' },
      '200': { description: 'Replayed (same Idempotency-Key and body)' },
    },
  },
  'GET /v1/requests': {
    summary: 'List requests, newest first',
    parameters: [
      { name: 'status', in: 'query', schema: { type: 'string', enum: [...GRANT_STATUSES] } },
      { name: 'cursor', in: 'query', schema: { type: 'string' } },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
    ],
    responses: { '200': { description: 'A page of requests' } },
  },
  'GET /v1/requests/{id}': {
    summary: 'Status; while ACTIVE also the grant (role ARN, External ID, expiry)',
    responses: { '200': { description: 'The request' } },
  },
  'GET /v1/requests/{id}/audit': {
    summary: 'The append-only audit trail',
    responses: { '200': { description: 'Audit entries, oldest first' } },
  },
  'POST /v1/requests/{id}/decision': {
    summary: 'Approve or deny (approvers)',
    requestBody: { required: true, content: json('Decision') },
    responses: { '200': { description: 'The request after the decision' } },
  },
  'POST /v1/requests/{id}/extend': {
    summary: 'Ask for more time on an ACTIVE grant (approved like a request)',
    requestBody: { required: true, content: json('Extension') },
    responses: { '202': { description: 'Extension pending approval' } },
  },
  'POST /v1/requests/{id}/revoke': {
    summary: 'End the grant now',
    requestBody: { required: true, content: json('Revoke') },
    responses: { '202': { description: 'Revocation done or under way' } },
  },
  'POST /slack/interactions': {
    summary: "Slack's block_actions callback (Approve/Deny buttons); signed by Slack",
    security: [],
    responses: { '200': { description: 'Acknowledged' } },
  },
  'GET /v1/openapi.json': {
    summary: 'This document',
    security: [],
    responses: { '200': { description: 'OpenAPI 3.1' } },
  },
  'GET /healthz': { summary: 'Liveness', security: [], responses: { '200': { description: 'ok' } } },
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of HTTP_ROUTES) {
    const key = `${route.method} ${route.path}`;
    const operation = OPERATIONS[key] ?? {};
    const secured = route.scope !== 'public';
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.name,
      ...operation,
      ...(route.path.includes('{id}')
        ? { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] }
        : {}),
      ...(secured ? { security: [{ bearer: [route.scope] }] } : {}),
      responses: {
        ...(operation.responses as Record<string, unknown>),
        ...(secured
          ? {
              '400': problem('Invalid input: names each field and reason'),
              '401': problem('Missing or unknown token'),
              '403': problem('Token lacks the scope, or the caller may not decide'),
            }
          : {}),
        ...(route.path.includes('{id}')
          ? { '404': problem('No such request'), '409': problem('Conflicts with the current status') }
          : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'access-broker',
      version: '1',
      description: 'Time-boxed, approved, External-ID-protected AWS access for third parties.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        AccessRequest: schema(accessRequestBodySchema),
        Decision: schema(decisionBodySchema),
        Revoke: schema(revokeBodySchema),
        Extension: schema(extensionBodySchema),
        Problem: schema(problemSchema),
      },
    },
  };
}
