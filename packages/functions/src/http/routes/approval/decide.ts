import { pendingDecision, recordDecision } from '@access-broker/core';
import * as z from 'zod';
import { requestViewSchema } from '../../response-schemas';
import { defineRoute } from '../../route-spec';
import { requestIdParams, TOKEN_PROBLEMS, viewFor } from '../../visible-request';
import { updateApprovalMessage } from '../../../slack/update-approval-message';

const decisionBodySchema = z
  .object({ decision: z.enum(['approve', 'deny']), comment: z.string().trim().min(1).max(1000).optional() })
  .strict()
  .meta({ id: 'Decision' });

/** POST /v1/requests/{id}/decision — an API approval or denial by an approver-scoped client. */
export const decideRoute = defineRoute({
  name: 'decide',
  method: 'POST',
  path: '/v1/requests/{id}/decision',
  scope: 'requests:approve',
  summary: 'Approve or deny a pending request or extension (approvers)',
  request: { params: requestIdParams, body: decisionBodySchema },
  responses: { 200: { description: 'The request after the decision', schema: requestViewSchema } },
  problems: {
    400: 'Invalid input: names each field and why',
    401: TOKEN_PROBLEMS[401],
    403: 'The token lacks the scope, or this person may not decide it (their own request, wrong group or channel)',
    404: 'No such request',
    409: 'Already decided, or nothing is pending',
  },
  async handle({ params, body, identity }, deps) {
    const record = await recordDecision(deps, {
      id: params.id,
      approver: {
        id: identity.actor,
        channel: 'api',
        idpGroups: identity.idpGroups ?? [],
        ...(identity.email ? { email: identity.email } : {}),
      },
      decision: body.decision,
      ...(body.comment ? { comment: body.comment } : {}),
    });
    if (!pendingDecision(record)) await updateApprovalMessage(deps, record);
    return { status: 200, body: viewFor(deps, identity, record) };
  },
});
