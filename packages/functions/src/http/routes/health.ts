import * as z from 'zod';
import { defineRoute } from '../route-spec';

/** GET /healthz — liveness, without a token. */
export const healthRoute = defineRoute({
  name: 'health',
  method: 'GET',
  path: '/healthz',
  scope: 'public',
  summary: 'Liveness',
  request: {},
  responses: { 200: { description: 'ok', schema: z.strictObject({ status: z.literal('ok') }) } },
  problems: {},
  async handle() {
    return { status: 200, body: { status: 'ok' as const } };
  },
});
