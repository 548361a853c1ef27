import {
  activitySummary,
  buildPermissionPolicy,
  buildTrustPolicy,
  type GrantRecord,
} from '@access-broker/core';
import * as z from 'zod';
import { requestView } from '../../request-view';
import { auditTrailSchema, requestViewSchema } from '../../response-schemas';
import { defineRoute } from '../../route-spec';
import { requestIdParams, visibleRequest } from '../../visible-request';
import { activitySchema, READ_PROBLEMS } from './get-activity';

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
export const getEvidenceRoute = defineRoute({
  name: 'getEvidence',
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
        request: requestView(record, 'redacted', deps.config, deps.clock.now()),
        rolePolicies: rolePolicies(record),
        auditTrail,
        activity: { items, summary: activitySummary(items) },
      },
    };
  },
});
