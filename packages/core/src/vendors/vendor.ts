import * as z from 'zod';
import type { BrokerConfig } from '../config/config-schema';
import { type FieldIssue, ValidationError } from '../errors';
import { zodIssues } from '../config/load-config';
import { outboundUrlIssue } from '../egress/outbound-url';
import { type StrengthEstimator, validateSuppliedExternalId } from '../requests/external-id';
import { parsePrincipal } from '../requests/principal';

/**
 * A third party the company works with: who they are, the principals they may use, the External ID they
 * assigned to this company (AWS's guidance: the vendor generates one per customer), and where hand-off
 * notifications go.
 */
export interface Vendor {
  id: string;
  displayName: string;
  /** Exact principal ARNs (an account id is stored as its root ARN); requests may use any of them. */
  principals: string[];
  /**
   * How the vendor connects: assuming the grant's role with its own principal (`role`, the default), or with an
   * access key the broker makes per grant (`access-key`: for third parties that accept nothing else).
   */
  credentials?: 'role' | 'access-key';
  /** The vendor's public key (EC P-256 JWK): access keys are delivered encrypted to it, readable by it only. */
  publicKey?: PublicJwk;
  /** The vendor's External ID for this company; absent: one is generated per grant. */
  externalId?: string;
  /** Standard Webhooks: the URL, and the secret the signatures are made with (shown once to the admin). */
  webhook?: { url: string; secret: string };
  /** The kill switch: while set, the vendor gets no new request, approval or role (suspend-vendor.ts). */
  suspension?: VendorSuspension;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  version: number;
}

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

const base64url32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes, base64url');
/** A P-256 public key; anything private (`d`) or of another kind is refused. */
const publicJwkSchema = z
  .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url32, y: base64url32 })
  .strict();

export interface VendorSuspension {
  at: string;
  by: string;
  comment?: string;
  /**
   * When everything the vendor held had ended. Until then the suspension is open: the sweeper owns it and
   * ends what a suspension cut short (the process died, a teardown failed) left live.
   */
  settledAt?: string;
}

export const VENDOR_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The body of `PUT /v1/vendors/{id}`: the whole registration, replaced at once. */
export const vendorBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    principals: z.array(z.string().min(1).max(2048)).max(10),
    credentials: z.enum(['role', 'access-key']).optional(),
    publicKey: publicJwkSchema.optional(),
    externalId: z.string().max(1224).optional(),
    webhook: z
      .object({ url: z.string().max(2048) })
      .strict()
      .optional(),
    /** A new webhook secret (the old one stops signing at once). */
    rotateWebhookSecret: z.boolean().optional(),
  })
  .strict();

export type VendorBody = z.infer<typeof vendorBodySchema>;

/**
 * Checks a registration: exact principals in this partition, a hard-to-guess External ID, a webhook on a public
 * https host (checked again, address by address, whenever the broker connects to it).
 */
export async function validateVendorBody(
  id: string,
  body: unknown,
  config: Pick<BrokerConfig, 'broker' | 'egress' | 'accessKeyVendors'>,
  strength: StrengthEstimator,
): Promise<VendorBody & { principals: string[] }> {
  const parsed = vendorBodySchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error));
  const input = parsed.data;
  const issues: FieldIssue[] = [...credentialIssues(input, config)];
  const principals = input.principals.map((value, i) => {
    const result = parsePrincipal(value, config.broker.partition);
    if ('issue' in result) {
      issues.push({ field: `principals[${i}]`, reason: result.issue.reason });
      return value;
    }
    if (result.principal.partition !== config.broker.partition)
      issues.push({
        field: `principals[${i}]`,
        reason: `is not in the ${config.broker.partition} partition`,
      });
    return result.principal.arn;
  });
  if (input.externalId !== undefined) {
    const knownValues = [
      id,
      input.displayName,
      ...principals.flatMap((arn) => [arn, arn.split(/[:/]/).pop() ?? '']),
    ];
    const issue = await validateSuppliedExternalId(input.externalId, { knownValues, strength });
    if (issue) issues.push(issue);
  }
  const webhookIssue = input.webhook && outboundUrlIssue(input.webhook.url, config.egress);
  if (webhookIssue) issues.push({ field: 'webhook.url', reason: webhookIssue });
  if (issues.length > 0) throw new ValidationError(issues);
  return { ...input, principals: [...new Set(principals)] };
}

/**
 * A role vendor names at least one principal. An access-key vendor names none (the broker makes the user it
 * connects as), needs the config to allow it, and a public key to receive its keys: without one, a key
 * could only travel in the clear.
 */
function* credentialIssues(
  input: VendorBody,
  config: Pick<BrokerConfig, 'accessKeyVendors'>,
): Generator<FieldIssue> {
  if (input.credentials !== 'access-key') {
    if (input.principals.length === 0) yield { field: 'principals', reason: 'names at least one principal' };
    if (input.publicKey) yield { field: 'publicKey', reason: 'is only for credentials: access-key' };
    return;
  }
  if (!config.accessKeyVendors)
    yield { field: 'credentials', reason: 'access-key is off in this broker (config accessKeyVendors)' };
  if (!input.publicKey)
    yield { field: 'publicKey', reason: 'is required with access-key: keys are delivered encrypted to it' };
  if (input.principals.length > 0)
    yield {
      field: 'principals',
      reason: 'must be empty with access-key: the vendor connects as the user the broker makes',
    };
}

/** A Standard Webhooks secret: `whsec_` and 32 bytes from the platform CSPRNG, base64. */
export function generateWebhookSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return `whsec_${Buffer.from(bytes).toString('base64')}`;
}
