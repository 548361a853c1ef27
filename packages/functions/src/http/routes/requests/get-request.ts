import { requestView } from '../../request-view';
import { requestViewSchema } from '../../response-schemas';
import { defineRoute } from '../../route-spec';
import { requestIdParams, TOKEN_PROBLEMS, visibleRequest } from '../../visible-request';

/** GET /v1/requests/{id} */
export const getRequestRoute = defineRoute({
  name: 'getRequest',
  method: 'GET',
  path: '/v1/requests/{id}',
  scope: 'requests:read',
  summary: 'Status; while ACTIVE also the grant (role ARN, External ID, expiry)',
  request: { params: requestIdParams },
  responses: { 200: { description: 'The request', schema: requestViewSchema } },
  problems: { 400: 'Not a request id', ...TOKEN_PROBLEMS, 404: 'No such request (or not yours to see)' },
  async handle({ params, identity }, deps) {
    const { record, visibility } = await visibleRequest(deps, params.id, identity);
    return { status: 200, body: requestView(record, visibility, deps.config, deps.clock.now()) };
  },
});
