import * as z from 'zod';
import { approvalRuleFor } from '../../approval/approver-check';
import { zodIssues } from '../../config/load-config';
import { GrantConflictError, IllegalTransitionError, ValidationError } from '../../errors';
import type { GrantRecord } from '../../requests/request-record';
import { transition } from '../../requests/transition';
import { durationSeconds, parseDurationSeconds } from '../../requests/duration';
import { grantAccounts } from '../grant-accounts';
import { keyUserSpec } from '../key-user';
import { grantRoleSpec } from '../grant-role-spec';
import type { BrokerContext } from '../../context/broker-context';
import { workflowInput } from '../../requests/create-request';
import { loadRequest } from '../../requests/load-request';
import { yieldToRevocation } from '../end/teardown';

export const extensionBodySchema = z
  .object({
    duration: z.string().min(1).max(32),
    justification: z.string().trim().min(1, 'is required').max(2000),
  })
  .strict();

/**
 * Ask for more time on an ACTIVE grant.
 * 1. Check it: only an ACTIVE grant with no extension pending; the added time keeps the whole grant within
 *    the profile's maximum duration.
 * 2. Record the pending extension (the grant keeps its current expiry meanwhile).
 * 3. Start the approval workflow again for it: same rules, same approvers, same Slack buttons.
 */
export async function requestExtension(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'workflow'>,
  input: { id: string; body: unknown; actor: string },
): Promise<GrantRecord> {
  const parsed = extensionBodySchema.safeParse(input.body);
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error));
  const record = await loadRequest(ctx.store, input.id);
  if (record.status !== 'ACTIVE' || !record.expiresAt || !record.activatedAt)
    throw new IllegalTransitionError(record.id, record.status, 'EXTENDED');
  if (record.extension)
    throw new IllegalTransitionError(record.id, 'ACTIVE with an extension pending', 'EXTENDED');
  const seconds = parseDurationSeconds(parsed.data.duration);
  if (typeof seconds !== 'number') throw ValidationError.of('duration', seconds.reason);
  const { limits } = ctx.config;
  if (seconds < durationSeconds(limits.minDuration))
    throw ValidationError.of('duration', `must be at least ${limits.minDuration}`);
  const max = approvalRuleFor(record, ctx.config).maxDuration ?? limits.maxDuration;
  const total = (Date.parse(record.expiresAt) - Date.parse(record.activatedAt)) / 1000 + seconds;
  if (total > durationSeconds(max))
    throw ValidationError.of('duration', `would make the grant longer than ${max} in all`);
  const now = ctx.clock.now();
  const pending = await transition(ctx, record, {
    to: 'ACTIVE',
    action: 'EXTENSION_REQUESTED',
    actor: input.actor,
    changes: {
      extension: {
        durationSeconds: seconds,
        justification: parsed.data.justification,
        requestedBy: input.actor,
        requestedAt: now.toISOString(),
        approvals: [],
        approved: false,
      },
    },
  });
  await ctx.workflow.start({
    ...workflowInput(pending, ctx.config, now, now),
    executionName: `${pending.id}-extend-${pending.version}`,
  });
  return pending;
}

/**
 * Apply an approved extension (the workflow's Provision step for an extension).
 * 1. Move the role's trust and permission conditions to the new expiry (IAM first: if anything after fails,
 *    the stored expiry, which the sweeper enforces, is still the earlier one — access can end early, never late).
 * 2. Move the expiry schedule.
 * 3. Store the new expiry and index entry in one conditional write.
 * A grant already past its expiry is not extended; its teardown goes ahead.
 */
export async function applyExtension(
  ctx: Pick<BrokerContext, 'config' | 'store' | 'clock' | 'provisioner' | 'scheduler'>,
  record: GrantRecord,
): Promise<GrantRecord> {
  const extension = record.extension;
  if (
    !extension?.approved ||
    !record.expiresAt ||
    !record.roleName ||
    Date.parse(record.expiresAt) <= ctx.clock.now().getTime()
  )
    return record;
  const expiresAt = new Date(Date.parse(record.expiresAt) + extension.durationSeconds * 1000).toISOString();
  for (const accountId of grantAccounts(record))
    await ctx.provisioner.updateRolePolicies(
      accountId,
      grantRoleSpec({ ...record, roleName: record.roleName, expiresAt }, ctx.config, accountId),
    );
  if (record.credentials === 'access-key')
    await ctx.provisioner.updateKeyUserPolicy(
      record.targetAccountId,
      keyUserSpec({ ...record, roleName: record.roleName, expiresAt }, ctx.config),
    );
  await ctx.scheduler.scheduleExpiry(record.id, new Date(expiresAt));
  try {
    return await transition(ctx, record, {
      to: 'ACTIVE',
      action: 'EXTENDED',
      actor: 'workflow',
      changes: {
        expiresAt,
        extension: undefined,
        taskToken: undefined,
        lastExtension: {
          durationSeconds: extension.durationSeconds,
          approvals: extension.approvals,
          at: ctx.clock.now().toISOString(),
        },
      },
      detail: { previousExpiresAt: record.expiresAt, addedSeconds: extension.durationSeconds },
    });
  } catch (error) {
    if (!(error instanceof GrantConflictError)) throw error;
    // Revoked while the extension was applied: it is void, and the policies it moved go with the role.
    const revoked = await yieldToRevocation(ctx, record.id, { ...record, roleName: record.roleName });
    if (revoked) return revoked;
    throw error;
  }
}
