import { extensionBodySchema, requestExtension } from '@access-broker/core';
import { requestViewSchema } from '../../response-schemas';
import { defineRoute } from '../../route-spec';
import { CHANGE_PROBLEMS, changeableRequest, requestIdParams, viewFor } from '../../visible-request';

/** POST /v1/requests/{id}/extend — more time on an ACTIVE grant, through the same approval. */
export const extendRoute = defineRoute({
  name: 'extend',
  method: 'POST',
  path: '/v1/requests/{id}/extend',
  scope: 'requests:create',
  summary: 'Ask for more time on an ACTIVE grant (approved like a request)',
  request: { params: requestIdParams, body: extensionBodySchema.meta({ id: 'Extension' }) },
  responses: { 202: { description: 'Extension pending approval', schema: requestViewSchema } },
  problems: {
    400: 'Invalid input, or more time than the profile allows',
    ...CHANGE_PROBLEMS,
    409: 'Not ACTIVE, or an extension is already pending',
  },
  async handle({ params, body, identity }, deps) {
    const { id } = await changeableRequest(deps, params.id, identity);
    const record = await requestExtension(deps, { id, body, actor: identity.actor });
    return { status: 202, body: viewFor(deps, identity, record) };
  },
});
