import { ValidationError } from '../errors';
import { type Vendor, VENDOR_ID, generateWebhookSecret, validateVendorBody } from './vendor';
import type { BrokerContext } from '../context/broker-context';

/**
 * Registers a vendor, or replaces its registration. Changing its External ID changes what new requests get;
 * live grants keep the one their role trusts. A webhook secret is made when a webhook is first given (or on
 * `rotateWebhookSecret`) and returned this once, for the admin to hand to the vendor.
 */
export async function registerVendor(
  ctx: Pick<BrokerContext, 'config' | 'vendors' | 'clock' | 'strength'>,
  input: { id: string; body: unknown; actor: string },
): Promise<{ vendor: Vendor; created: boolean; newWebhookSecret?: string }> {
  if (!VENDOR_ID.test(input.id))
    throw ValidationError.of('id', 'must be 2–63 lower-case letters, digits and dashes');
  const body = await validateVendorBody(input.id, input.body, ctx.config, ctx.strength);
  const existing = await ctx.vendors.get(input.id);
  const at = ctx.clock.now().toISOString();
  const keepSecret = existing?.webhook && body.webhook && !body.rotateWebhookSecret;
  const newWebhookSecret = body.webhook && !keepSecret ? generateWebhookSecret() : undefined;
  const vendor: Vendor = {
    id: input.id,
    displayName: body.displayName,
    principals: body.principals,
    ...(body.credentials === 'access-key'
      ? { credentials: 'access-key' as const, publicKey: body.publicKey! }
      : {}),
    ...(body.externalId ? { externalId: body.externalId } : {}),
    ...(body.webhook
      ? { webhook: { url: body.webhook.url, secret: newWebhookSecret ?? existing!.webhook!.secret } }
      : {}),
    // A registration change never lifts a suspension: only an explicit resume does.
    ...(existing?.suspension ? { suspension: existing.suspension } : {}),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    updatedBy: input.actor,
    version: (existing?.version ?? 0) + 1,
  };
  await ctx.vendors.put(vendor, existing?.version ?? 0, {
    vendorId: vendor.id,
    seq: vendor.version,
    at,
    action: existing ? 'UPDATED' : 'REGISTERED',
    actor: input.actor,
  });
  return { vendor, created: !existing, ...(newWebhookSecret ? { newWebhookSecret } : {}) };
}
