import { GRANT_STATUSES, visibilityOf } from '@access-broker/core';
import * as z from 'zod';
import { requestSummary } from '../../request-view';
import { requestPageSchema } from '../../response-schemas';
import { defineRoute } from '../../route-spec';
import { TOKEN_PROBLEMS } from '../../visible-request';

/** GET /v1/requests?status=&cursor=&limit= */
export const listRequestsRoute = defineRoute({
  name: 'listRequests',
  method: 'GET',
  path: '/v1/requests',
  scope: 'requests:read',
  summary: 'List requests, newest first',
  description: 'A page shows only the requests this client may see, so it may come back short.',
  request: {
    query: z.object({
      status: z.enum(GRANT_STATUSES, { error: `must be one of ${GRANT_STATUSES.join(', ')}` }).optional(),
      cursor: z.string().min(1).max(2048).optional(),
      limit: z.coerce
        .number({ error: 'must be an integer from 1 to 100' })
        .int('must be an integer from 1 to 100')
        .min(1, 'must be an integer from 1 to 100')
        .max(100, 'must be an integer from 1 to 100')
        .default(25),
    }),
  },
  responses: { 200: { description: 'A page of requests', schema: requestPageSchema } },
  problems: { 400: 'A bad status, cursor or limit', ...TOKEN_PROBLEMS },
  async handle({ query, identity }, deps) {
    const page = await deps.store.list({
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      limit: query.limit,
    });
    return {
      status: 200,
      body: {
        items: page.items
          .filter((record) => visibilityOf(deps.config, identity, record) !== 'none')
          .map(requestSummary),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      },
    };
  },
});
