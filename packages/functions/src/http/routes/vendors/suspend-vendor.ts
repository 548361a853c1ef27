import { resumeVendor, suspendVendor } from '@access-broker/core';
import * as z from 'zod';
import { defineRoute } from '../../route-spec';
import { TOKEN_PROBLEMS } from '../../visible-request';
import { updateApprovalMessage } from '../../../slack/update-approval-message';
import { vendorIdParams, vendorSchema, vendorView } from './vendors';

const commentSchema = z
  .object({ comment: z.string().trim().min(1).max(500).optional() })
  .strict()
  .meta({ id: 'VendorSuspensionComment' });

const VENDOR_CHANGE_PROBLEMS = {
  400: 'Invalid input: names each field and why',
  ...TOKEN_PROBLEMS,
  404: 'No such vendor',
  409: 'Another admin changed it at the same time: try again',
} as const;

const endedGrant = z.strictObject({
  id: z.string(),
  status: z
    .string()
    .meta({ description: 'REVOKED or CANCELLED; REVOKING or REVOKE_FAILED: the sweeper ends it' }),
  targetAccountId: z.string(),
  roleArn: z.string().optional(),
});

/** POST /v1/vendors/{id}/suspend — the kill switch: nothing new for the vendor, and everything it holds ends. */
export const suspendVendorRoute = defineRoute({
  name: 'suspendVendor',
  method: 'POST',
  path: '/v1/vendors/{id}/suspend',
  scope: 'requests:admin',
  summary:
    'Suspend a vendor: refuse its new requests, cancel its pending ones and revoke every live grant it holds',
  request: { params: vendorIdParams, body: commentSchema },
  responses: {
    200: {
      description: 'Suspended (or already suspended); what it held is ended',
      schema: z
        .strictObject({
          vendor: vendorSchema,
          ended: z.array(endedGrant).meta({ description: 'Every request or grant the suspension ended' }),
          failed: z
            .array(z.string())
            .meta({ description: 'Grants whose teardown failed here: denied, and retried by the sweeper' }),
        })
        .meta({ id: 'VendorSuspension' }),
    },
  },
  problems: VENDOR_CHANGE_PROBLEMS,
  async handle({ params, body, identity }, deps) {
    const { vendor, ended, failed } = await suspendVendor(deps, {
      id: params.id,
      actor: `api:${identity.actor}`,
      ...(body.comment ? { comment: body.comment } : {}),
    });
    // A cancelled request's approval message loses its buttons here; ended grants' messages follow the outbox.
    for (const record of ended) if (record.status === 'CANCELLED') await updateApprovalMessage(deps, record);
    return {
      status: 200,
      body: {
        vendor: vendorView(vendor),
        ended: ended.map(({ id, status, targetAccountId, roleArn }) => ({
          id,
          status,
          targetAccountId,
          ...(roleArn ? { roleArn } : {}),
        })),
        failed: failed.map(({ id }) => id),
      },
    };
  },
});

/** POST /v1/vendors/{id}/resume — new requests for the vendor are accepted again; nothing ended comes back. */
export const resumeVendorRoute = defineRoute({
  name: 'resumeVendor',
  method: 'POST',
  path: '/v1/vendors/{id}/resume',
  scope: 'requests:admin',
  summary: 'Lift a suspension: the vendor may be granted access again (nothing that was ended comes back)',
  request: { params: vendorIdParams, body: commentSchema },
  responses: { 200: { description: 'Resumed (or was not suspended)', schema: vendorSchema } },
  problems: VENDOR_CHANGE_PROBLEMS,
  async handle({ params, body, identity }, deps) {
    const vendor = await resumeVendor(deps, {
      id: params.id,
      actor: `api:${identity.actor}`,
      ...(body.comment ? { comment: body.comment } : {}),
    });
    return { status: 200, body: vendorView(vendor) };
  },
});
