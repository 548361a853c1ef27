import { GrantConflictError, ProvisioningError, QuotaExceededError } from '../../errors';
import type { Vendor } from '../../vendors/vendor';
import { keyUserSpec } from '../key-user';
import { sealSecret } from '../seal-secret';
import { durationSeconds } from '../../requests/duration';
import type { GrantRecord } from '../../requests/request-record';
import { transition } from '../../requests/transition';
import { grantAccounts } from '../grant-accounts';
import { grantRoleSpec } from '../grant-role-spec';
import { roleNameFor } from '../role-spec';
import type { BrokerContext } from '../../context/broker-context';
import { applyExtension } from '../extend/extend-grant';
import { loadRequest } from '../../requests/load-request';
import { yieldToRevocation } from '../end/teardown';
import { assertVendorActive } from '../../vendors/suspend-vendor';

/**
 * Turn an approved request into a live grant. Safe to retry (the workflow retries on throttling).
 * 1. APPROVED → PROVISIONING: fix the expiry (counted from now, so slow approvals never eat the window). Its
 *    deadline puts it in the sweeper's index: re-driven if we crash from here on, torn down once expired.
 * 2. Admission: refuse (no role, no retry) when the vendor is suspended (VendorSuspendedError) or the account
 *    is near its role quota (QuotaExceededError). The vendor is read once PROVISIONING is stored: a suspension
 *    written after this read finds the grant PROVISIONING and revokes it, so the role cannot outlive it.
 * 3. Create the one-time expiry schedule (before the role exists: a role never lives without one).
 * 4. Create the role with trust, permissions, boundary and tags (organization-wide: one in each account).
 * 5. PROVISIONING → ACTIVE with the role ARN and `usableFrom` (IAM is eventually consistent).
 * A retry resumes at PROVISIONING with the expiry already fixed; an ACTIVE grant gets its approved extension
 * applied, or is returned unchanged.
 */
export async function provisionGrant(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'vendors' | 'clock' | 'provisioner' | 'scheduler'>,
  id: string,
): Promise<GrantRecord> {
  let record = await loadRequest(ctx.store, id);
  if (record.status === 'ACTIVE') return applyExtension(ctx, record);
  if (record.status === 'APPROVED') {
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + record.durationSeconds * 1000).toISOString();
    record = await transition(ctx, record, {
      to: 'PROVISIONING',
      action: 'PROVISIONING_STARTED',
      actor: 'workflow',
      changes: {
        roleName: roleNameFor(record.id),
        activatedAt: now.toISOString(),
        expiresAt,
        taskToken: undefined,
      },
    });
  }
  const { roleName, expiresAt } = record;
  if (
    record.status !== 'PROVISIONING' ||
    !roleName ||
    !expiresAt ||
    Date.parse(expiresAt) <= ctx.clock.now().getTime()
  ) {
    // Cancelled, taken over by the sweeper, or retried past its own expiry: nothing to create any more.
    return record;
  }
  const vendor = await assertVendorActive(ctx, record);
  const accounts = grantAccounts(record);
  for (const accountId of accounts) await admit(ctx, accountId);
  await ctx.scheduler.scheduleExpiry(record.id, new Date(expiresAt));
  // The key user first: the role's trust names it, and IAM refuses a principal that does not exist.
  const accessKey =
    record.credentials === 'access-key'
      ? await makeAccessKey(ctx, { ...record, roleName, expiresAt }, vendor)
      : undefined;
  const roleArn = await createRoles(ctx, { ...record, roleName, expiresAt }, accounts);
  const usableFrom = new Date(
    ctx.clock.now().getTime() + durationSeconds(ctx.config.limits.iamPropagationDelay) * 1000,
  );
  try {
    return await transition(ctx, record, {
      to: 'ACTIVE',
      action: 'GRANTED',
      actor: 'workflow',
      changes: { roleArn, usableFrom: usableFrom.toISOString(), ...(accessKey ? { accessKey } : {}) },
    });
  } catch (error) {
    if (!(error instanceof GrantConflictError)) throw error;
    // Revoked while the role was being created: the role must not outlive the revoke.
    const revoked = await yieldToRevocation(ctx, record.id, { ...record, roleName });
    if (revoked) return revoked;
    throw error;
  }
}

/**
 * One role per account; the first account's ARN is the grant's. A failure in one account fails the step: the
 * workflow retries it (a role already made is adopted), and if it gives up, the teardown removes every one.
 */
async function createRoles(
  ctx: Pick<BrokerContext, 'config' | 'provisioner'>,
  record: GrantRecord & { roleName: string; expiresAt: string },
  accounts: readonly string[],
): Promise<string> {
  const arns: string[] = [];
  for (const accountId of accounts)
    arns.push(
      (await ctx.provisioner.createRole(accountId, grantRoleSpec(record, ctx.config, accountId))).roleArn,
    );
  return arns[0]!;
}

/** The vendor's key user and its one access key, the secret sealed to the vendor's public key at once. */
async function makeAccessKey(
  ctx: Pick<BrokerContext, 'config' | 'provisioner'>,
  record: GrantRecord & { roleName: string; expiresAt: string },
  vendor: Vendor | undefined,
): Promise<NonNullable<GrantRecord['accessKey']>> {
  if (!vendor?.publicKey)
    throw new ProvisioningError(
      `vendor ${record.vendor?.id ?? '?'} has no public key to receive an access key`,
    );
  const spec = keyUserSpec(record, ctx.config);
  const key = await ctx.provisioner.createKeyUser(record.targetAccountId, spec);
  return {
    userName: spec.userName,
    userArn: key.userArn,
    accessKeyId: key.accessKeyId,
    sealedSecret: await sealSecret(key.secretAccessKey, vendor.publicKey),
  };
}

/** The account must keep `maxRoleQuotaUse` of its role quota as the most it uses, this grant's role included. */
async function admit(ctx: Pick<BrokerContext, 'config' | 'provisioner'>, accountId: string) {
  const { roles, quota } = await ctx.provisioner.roleCapacity(accountId);
  const share = ctx.config.limits.maxRoleQuotaUse;
  if (roles + 1 > Math.floor(quota * share))
    throw new QuotaExceededError(
      `account ${accountId} holds ${roles} of its ${quota} IAM roles; the broker stops at ${Math.round(share * 100)}% (limits.maxRoleQuotaUse)`,
    );
}
