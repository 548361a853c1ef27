import { displayNameOf, personOfRecordedActor } from '@access-broker/core';
import { auditTrailSchema } from '../../response-schemas';
import { defineRoute } from '../../route-spec';
import { requestIdParams, TOKEN_PROBLEMS, visibleRequest } from '../../visible-request';

/** GET /v1/requests/{id}/audit — the append-only trail (no External ID is ever in it). */
export const auditTrailRoute = defineRoute({
  name: 'auditTrail',
  method: 'GET',
  path: '/v1/requests/{id}/audit',
  scope: 'requests:read',
  summary: 'The append-only audit trail, oldest first',
  request: { params: requestIdParams },
  responses: { 200: { description: 'Audit entries, oldest first', schema: auditTrailSchema } },
  problems: { 400: 'Not a request id', ...TOKEN_PROBLEMS, 404: 'No such request (or not yours to see)' },
  async handle({ params, identity }, deps) {
    await visibleRequest(deps, params.id, identity);
    const items = await deps.store.auditTrail(params.id);
    return {
      status: 200,
      body: {
        items: items.map((entry) => {
          const person = personOfRecordedActor(deps.config, entry.actor);
          if (!person) return entry;
          const displayName = displayNameOf(deps.config, entry.actor);
          return { ...entry, person: person.key, ...(displayName !== entry.actor ? { displayName } : {}) };
        }),
      },
    };
  },
});
