import { revokeGrant } from '@access-broker/core';
import * as z from 'zod';
import { requestViewSchema } from '../../response-schemas';
import { defineRoute } from '../../route-spec';
import { CHANGE_PROBLEMS, changeableRequest, requestIdParams, viewFor } from '../../visible-request';
import { updateApprovalMessage } from '../../../slack/update-approval-message';

const revokeBodySchema = z
  .object({ reason: z.string().trim().min(1, 'is required').max(500) })
  .strict()
  .meta({ id: 'Revoke' });

/** POST /v1/requests/{id}/revoke — ends the grant now (or cancels a request that has none yet). */
export const revokeRoute = defineRoute({
  name: 'revoke',
  method: 'POST',
  path: '/v1/requests/{id}/revoke',
  scope: 'requests:revoke',
  summary: 'End the grant now, or cancel a request that has none yet',
  request: { params: requestIdParams, body: revokeBodySchema },
  responses: {
    202: {
      description: 'Revocation done or under way (or the request cancelled)',
      schema: requestViewSchema,
    },
  },
  problems: {
    400: 'Invalid input: names each field and why',
    ...CHANGE_PROBLEMS,
    409: 'Already ended',
  },
  async handle({ params, body, identity }, deps) {
    const { id } = await changeableRequest(deps, params.id, identity);
    const record = await revokeGrant(deps, {
      id,
      reason: 'revoked',
      by: `api:${identity.actor}`,
      comment: body.reason,
    });
    if (record.status === 'CANCELLED') await updateApprovalMessage(deps, record);
    return { status: 202, body: viewFor(deps, identity, record) };
  },
});
