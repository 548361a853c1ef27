import { GRANT_STATUSES, matchesFilter, visibilityOf } from '@access-broker/core';
import * as z from 'zod';
import { requestSummary } from '../../request-view';
import { requestPageSchema } from '../../response-schemas';
import { defineRoute } from '../../route-spec';
import { TOKEN_PROBLEMS } from '../../visible-request';

/** GET /v1/requests?status=&vendor=&requester=&account=&cursor=&limit= */
export const listRequestsRoute = defineRoute({
  name: 'listRequests',
  method: 'GET',
  path: '/v1/requests',
  scope: 'requests:read',
  summary: 'List requests, newest first',
  description:
    'A page shows only the requests this client may see and the filters match, so it may come back short: follow the cursor.',
  request: {
    query: z.object({
      status: z.enum(GRANT_STATUSES, { error: `must be one of ${GRANT_STATUSES.join(', ')}` }).optional(),
      vendor: z
        .string()
        .min(1)
        .max(63)
        .optional()
        .meta({ description: 'Only requests naming this vendor (id)' }),
      requester: z
        .string()
        .min(1)
        .max(128)
        .optional()
        .meta({ description: 'Only requests by this requester, as named or as the person (any case)' }),
      account: z
        .string()
        .regex(/^\d{12}$/, 'must be a twelve-digit account id')
        .optional()
        .meta({ description: 'Only grants reaching this account' }),
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
  problems: { 400: 'A bad status, filter, cursor or limit', ...TOKEN_PROBLEMS },
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
          .filter((record) => matchesFilter(record, query))
          .map(requestSummary),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      },
    };
  },
});
