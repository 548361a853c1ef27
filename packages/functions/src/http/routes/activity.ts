import {
  activitySummary,
  buildPermissionPolicy,
  buildTrustPolicy,
  type GrantRecord,
} from '@access-broker/core';
import * as z from 'zod';
import { requestView } from '../request-view';
import { auditTrailSchema, requestViewSchema } from '../response-schemas';
import { defineRoute } from '../route-spec';
import { requestIdParams, TOKEN_PROBLEMS, visibleRequest } from './request-access';

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
    allowed: z.boolean(),
    errorCode: z.string().optional(),
    readOnly: z.boolean().optional(),
    resources: z.array(z.string()).optional(),
  })
  .meta({ id: 'ActivityRecord' });

const summarySchema = z
  .strictObject({ calls: z.number().int(), denied: z.number().int(), services: z.array(z.string()) })
  .meta({ id: 'ActivitySummary' });

const activitySchema = z
  .strictObject({ items: z.array(activityRecordSchema), summary: summarySchema })
  .meta({ id: 'Activity' });

const READ_PROBLEMS = {
  400: 'Not a request id',
  ...TOKEN_PROBLEMS,
  404: 'No such request (or not yours to see)',
} as const;

/** GET /v1/requests/{id}/activity — every AWS call made with the grant's sessions, denied ones included. */
export const activityRoute = defineRoute({
  name: 'activity',
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

const evidenceSchema = z
  .strictObject({
    exportedAt: z.string(),
    request: requestViewSchema,
    rolePolicies: z.strictObject({
      trustPolicy: z.record(z.string(), z.unknown()).meta({ description: 'The External ID is redacted' }),
      permissionPolicy: z.record(z.string(), z.unknown()),
      managedPolicyArns: z.array(z.string()),
    }),
    auditTrail: auditTrailSchema.shape.items,
    activity: activitySchema,
  })
  .meta({ id: 'Evidence' });

/** The role's policies as the grant had them; the External ID never leaves the broker in evidence. */
function rolePolicies(record: GrantRecord) {
  const expiresAt = new Date(record.expiresAt ?? record.createdAt);
  const trust = buildTrustPolicy({ principalArn: record.principal.arn, externalId: 'REDACTED', expiresAt });
  return {
    trustPolicy: trust as unknown as Record<string, unknown>,
    permissionPolicy: buildPermissionPolicy(record.statements, expiresAt) as unknown as Record<
      string,
      unknown
    >,
    managedPolicyArns: record.managedPolicyArns,
  };
}

/**
 * GET /v1/requests/{id}/evidence — everything an auditor asks about one grant, as one document: the request and
 * its approvals, the role's policies, the audit trail (decisions, teardown), and every call its sessions made.
 */
export const evidenceRoute = defineRoute({
  name: 'evidence',
  method: 'GET',
  path: '/v1/requests/{id}/evidence',
  scope: 'requests:read',
  summary:
    'The whole evidence of a grant as one JSON document: request, approvals, policies, trail, activity',
  request: { params: requestIdParams },
  responses: { 200: { description: 'The evidence (no External ID)', schema: evidenceSchema } },
  problems: READ_PROBLEMS,
  async handle({ params, identity }, deps) {
    const { record } = await visibleRequest(deps, params.id, identity);
    const [auditTrail, items] = await Promise.all([
      deps.store.auditTrail(params.id),
      deps.activity.list(params.id),
    ]);
    return {
      status: 200,
      body: {
        exportedAt: deps.clock.now().toISOString(),
        request: requestView(record, 'redacted', deps.config.broker.region),
        rolePolicies: rolePolicies(record),
        auditTrail,
        activity: { items, summary: activitySummary(items) },
      },
    };
  },
});
