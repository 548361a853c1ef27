import {
  registerVendor,
  type Vendor,
  VENDOR_ID,
  VendorNotFoundError,
  vendorBodySchema,
} from '@access-broker/core';
import * as z from 'zod';
import { defineRoute } from '../../route-spec';
import { TOKEN_PROBLEMS } from '../../visible-request';

export const vendorIdParams = z.object({
  id: z.string().regex(VENDOR_ID, 'must be 2–63 lower-case letters, digits and dashes'),
});

export const vendorSchema = z
  .strictObject({
    id: z.string(),
    displayName: z.string(),
    principals: z.array(z.string()),
    credentials: z
      .enum(['role', 'access-key'])
      .meta({ description: 'role: assumes with its own principal; access-key: gets a key per grant' }),
    publicKey: z
      .strictObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() })
      .optional()
      .meta({ description: 'Where access keys are encrypted to (JWE ECDH-ES + A256GCM)' }),
    hasExternalId: z.boolean().meta({
      description: 'Requests naming the vendor use its External ID (never shown); else one per grant',
    }),
    webhook: z
      .strictObject({
        url: z.string(),
        secret: z.string().optional().meta({
          description: 'Only in the answer that made it: hand it to the vendor, it is not shown again',
        }),
      })
      .optional(),
    suspension: z
      .strictObject({
        at: z.string(),
        by: z.string(),
        comment: z.string().optional(),
        settledAt: z.string().optional().meta({
          description: 'When everything the vendor held had ended (until then the sweeper finishes it)',
        }),
      })
      .optional()
      .meta({ description: 'Set while the vendor is suspended: no new request, approval or role for it' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Vendor' });

/** What callers see of a vendor: never its External ID, and its webhook secret only when it is new. */
export function vendorView(vendor: Vendor, newWebhookSecret?: string): z.input<typeof vendorSchema> {
  return {
    id: vendor.id,
    displayName: vendor.displayName,
    principals: vendor.principals,
    credentials: vendor.credentials ?? 'role',
    ...(vendor.publicKey ? { publicKey: { ...vendor.publicKey } } : {}),
    hasExternalId: vendor.externalId !== undefined,
    ...(vendor.webhook
      ? { webhook: { url: vendor.webhook.url, ...(newWebhookSecret ? { secret: newWebhookSecret } : {}) } }
      : {}),
    ...(vendor.suspension ? { suspension: { ...vendor.suspension } } : {}),
    createdAt: vendor.createdAt,
    updatedAt: vendor.updatedAt,
    updatedBy: vendor.updatedBy,
    version: vendor.version,
  };
}

/** PUT /v1/vendors/{id} — register a vendor, or replace its registration (admins). */
export const putVendorRoute = defineRoute({
  name: 'putVendor',
  method: 'PUT',
  path: '/v1/vendors/{id}',
  scope: 'requests:admin',
  summary:
    'Register a third party, or replace its registration (External ID rotation leaves live grants alone)',
  request: { params: vendorIdParams, body: vendorBodySchema.meta({ id: 'VendorRegistration' }) },
  responses: {
    201: { description: 'Registered', schema: vendorSchema },
    200: { description: 'Replaced', schema: vendorSchema },
  },
  problems: {
    400: 'Invalid input: names each field and why',
    ...TOKEN_PROBLEMS,
    409: 'Another admin changed it at the same time: read it again',
  },
  async handle({ params, body, identity }, deps) {
    const { vendor, created, newWebhookSecret } = await registerVendor(deps, {
      id: params.id,
      body,
      actor: identity.actor,
    });
    return { status: created ? 201 : 200, body: vendorView(vendor, newWebhookSecret) };
  },
});

/** GET /v1/vendors — the registry, for picking a vendor by name. */
export const listVendorsRoute = defineRoute({
  name: 'listVendors',
  method: 'GET',
  path: '/v1/vendors',
  scope: 'requests:read',
  summary: 'The registered third parties',
  request: {},
  responses: {
    200: {
      description: 'Every vendor',
      schema: z.strictObject({ items: z.array(vendorSchema) }).meta({ id: 'Vendors' }),
    },
  },
  problems: { ...TOKEN_PROBLEMS },
  async handle(_input, deps) {
    const vendors = await deps.vendors.list();
    return { status: 200, body: { items: vendors.map((vendor) => vendorView(vendor)) } };
  },
});

/** GET /v1/vendors/{id} */
export const getVendorRoute = defineRoute({
  name: 'getVendor',
  method: 'GET',
  path: '/v1/vendors/{id}',
  scope: 'requests:read',
  summary: 'One registered third party',
  request: { params: vendorIdParams },
  responses: { 200: { description: 'The vendor', schema: vendorSchema } },
  problems: { 400: 'Not a vendor id', ...TOKEN_PROBLEMS, 404: 'No such vendor' },
  async handle({ params }, deps) {
    const vendor = await deps.vendors.get(params.id);
    if (!vendor) throw new VendorNotFoundError(params.id);
    return { status: 200, body: vendorView(vendor) };
  },
});
