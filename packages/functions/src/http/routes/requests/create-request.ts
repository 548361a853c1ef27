import { accessRequestBodySchema, createRequest } from '@access-broker/core';
import * as z from 'zod';
import { links } from '../../request-view';
import { createdSchema } from '../../response-schemas';
import { defineRoute } from '../../route-spec';
import { TOKEN_PROBLEMS } from '../../visible-request';

/** POST /v1/requests — create (202), or replay an earlier create with the same Idempotency-Key (200). */
export const createRequestRoute = defineRoute({
  name: 'createRequest',
  method: 'POST',
  path: '/v1/requests',
  scope: 'requests:create',
  summary: 'Ask for time-boxed access for a third party',
  request: {
    headers: z.object({
      'Idempotency-Key': z
        .string()
        .regex(/^[\x21-\x7E]{1,255}$/, 'must be 1–255 printable ASCII characters')
        .optional()
        .meta({ description: 'Retry-safe key, scoped to the client (e.g. the ticket key)' }),
    }),
    body: accessRequestBodySchema.meta({ id: 'AccessRequest' }),
    // createRequest checks it, schema and config together: every bad field in one answer.
    bodyCheckedByHandler: true,
  },
  responses: {
    202: {
      description: 'Created; waiting for approval',
      schema: createdSchema,
      headers: { Location: 'The new request' },
    },
    200: {
      description: 'Replayed: the same Idempotency-Key with the same body',
      schema: createdSchema,
      headers: { Location: 'The request', 'Idempotent-Replayed': 'true' },
    },
  },
  problems: {
    400: 'Invalid input: names each field and why',
    ...TOKEN_PROBLEMS,
    409: 'The Idempotency-Key was used with another body',
  },
  async handle({ headers: given, body: request, identity }, deps) {
    const idempotencyKey = given['Idempotency-Key'];
    const { record, replayed } = await createRequest(deps, {
      body: request,
      actor: identity.actor,
      ...(identity.email ? { email: identity.email } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    const body = { id: record.id, status: record.status, links: links(record.id) };
    const headers: Record<string, string> = { location: `/v1/requests/${record.id}` };
    if (!replayed) return { status: 202, headers, body };
    return { status: 200, headers: { ...headers, 'idempotent-replayed': 'true' }, body };
  },
});
