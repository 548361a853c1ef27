import { activitySummary } from '@access-broker/core';
import * as z from 'zod';
import { defineRoute } from '../../route-spec';
import { requestIdParams, TOKEN_PROBLEMS, visibleRequest } from '../../visible-request';

const activityRecordSchema = z
  .strictObject({
    requestId: z.string(),
    eventId: z.string().meta({ description: "CloudTrail's eventID" }),
    at: z.string(),
    service: z.string().meta({ description: 'CloudTrail eventSource, e.g. s3.amazonaws.com' }),
    action: z.string(),
    sessionName: z.string().meta({ description: 'The role session name the third party chose' }),
    sourceIp: z.string().optional(),
    userAgent: z.string().optional(),
    region: z.string().optional(),
    accountId: z
      .string()
      .optional()
      .meta({ description: 'The account the call was made in (organization-wide grants span several)' }),
    allowed: z.boolean(),
    errorCode: z.string().optional(),
    readOnly: z.boolean().optional(),
    resources: z.array(z.string()).optional(),
  })
  .meta({ id: 'ActivityRecord' });

const summarySchema = z
  .strictObject({ calls: z.number().int(), denied: z.number().int(), services: z.array(z.string()) })
  .meta({ id: 'ActivitySummary' });

export const activitySchema = z
  .strictObject({ items: z.array(activityRecordSchema), summary: summarySchema })
  .meta({ id: 'Activity' });

export const READ_PROBLEMS = {
  400: 'Not a request id',
  ...TOKEN_PROBLEMS,
  404: 'No such request (or not yours to see)',
} as const;

/** GET /v1/requests/{id}/activity — every AWS call made with the grant's sessions, denied ones included. */
export const getActivityRoute = defineRoute({
  name: 'getActivity',
  method: 'GET',
  path: '/v1/requests/{id}/activity',
  scope: 'requests:read',
  summary:
    'What the third party did with the grant: every AWS call of its sessions (CloudTrail), oldest first',
  request: { params: requestIdParams },
  responses: { 200: { description: 'Calls and their summary', schema: activitySchema } },
  problems: READ_PROBLEMS,
  async handle({ params, identity }, deps) {
    await visibleRequest(deps, params.id, identity);
    const items = await deps.activity.list(params.id);
    return { status: 200, body: { items, summary: activitySummary(items) } };
  },
});
