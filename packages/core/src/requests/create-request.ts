import { personOfActor, resolvePerson, samePerson } from '../identity/resolve-person';
import { VENDOR_ID } from '../vendors/vendor';
import { keyUserArn } from '../grants/key-user';
import type { BrokerConfig } from '../config/config-schema';
import { ValidationError } from '../errors';
import { deadlineOf } from './deadlines';
import type { GrantRecord } from './request-record';
import type { WorkflowInput } from '../approval/workflow';
import { durationSeconds } from './duration';
import { canonicalHash } from './canonical-hash';
import { validateAccessRequest } from './validate-access-request';
import type { BrokerContext } from '../context/broker-context';

export interface CreateRequestInput {
  body: unknown;
  /** The authenticated caller's actor (see Caller); idempotency keys are scoped to it. */
  actor: string;
  /** The email the caller's token verified (a signed-in person), another name they may file under. */
  email?: string;
  idempotencyKey?: string;
}

/**
 * Create an access request.
 * 1. Validate the body against schema, config and guardrails (nothing invalid is stored).
 * 2. Generate an External ID unless the third party supplied one.
 * 3. Store it PENDING_APPROVAL with its audit entry, claiming the Idempotency-Key in the same write:
 *    a replay with the same body returns the stored request; another body with the key is a conflict.
 * 4. Start its approval workflow. Starting is idempotent per request, so a replay also repairs a start that
 *    was lost (the process died between the write and the start).
 */
export async function createRequest(
  ctx: Pick<
    BrokerContext,
    'config' | 'catalog' | 'strength' | 'store' | 'vendors' | 'clock' | 'ids' | 'workflow'
  >,
  input: CreateRequestInput,
): Promise<{ record: GrantRecord; replayed: boolean }> {
  const now = ctx.clock.now();
  const vendor = await namedVendor(ctx, input.body);
  const request = await validateAccessRequest(input.body, {
    config: ctx.config,
    catalog: ctx.catalog,
    strength: ctx.strength,
    now,
    ...(vendor ? { vendor } : {}),
  });
  const requester = requesterOf(ctx.config, input, request.requester);
  const id = ctx.ids.newId();
  const at = now.toISOString();
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { approvalRule, ...fields } = request;
  const pending: GrantRecord = {
    ...fields,
    // An access-key vendor connects as the user made for this request: the role will trust exactly it.
    ...(request.credentials === 'access-key'
      ? {
          principal: {
            ...request.principal,
            arn: keyUserArn(ctx.config.broker.partition, request.targetAccountId, id),
          },
        }
      : {}),
    requester,
    id,
    status: 'PENDING_APPROVAL',
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: input.actor,
    approvals: [],
  };
  // Its workflow must reach the wait step by this deadline, or the sweeper starts it again.
  const record: GrantRecord = { ...pending, dueAt: deadlineOf(pending, ctx.config, now)! };
  const claim = input.idempotencyKey
    ? { clientId: input.actor, key: input.idempotencyKey, bodyHash: await canonicalHash(input.body) }
    : undefined;
  const created = await ctx.store.create(
    record,
    { requestId: id, at, seq: 1, action: 'REQUESTED', actor: input.actor, to: 'PENDING_APPROVAL' },
    claim,
  );
  if (created.record.status === 'PENDING_APPROVAL')
    await ctx.workflow.start(workflowInput(created.record, ctx.config, now));
  return created;
}

/**
 * Who asked, and the person that is. A ticketing system's client may name any requester, in any form of any
 * of their identities (an email, a Slack id, a client id), and the broker records the person it names; a
 * person files for themself only, so nobody can file in someone else's name (and then approve it as themself).
 */
function requesterOf(
  config: BrokerConfig,
  { actor, email }: Pick<CreateRequestInput, 'actor' | 'email'>,
  requester: GrantRecord['requester'],
): GrantRecord['requester'] {
  const named = resolvePerson(config, { kind: 'named', id: requester.id });
  const slack = requester.slackUserId
    ? resolvePerson(config, { kind: 'slack', userId: requester.slackUserId })
    : undefined;
  const filer = personOfActor(config, actor, email);
  const person = filer ?? (named?.configured ? named : undefined);
  if (filer && !(named && samePerson(named, filer)))
    throw ValidationError.of('requester.id', `must be ${filer.key}: a person files for themself only`);
  if (requester.slackUserId && person && !(slack && samePerson(slack, person)))
    throw ValidationError.of(
      'requester.slackUserId',
      `is not one of ${person.key}'s Slack ids in the config`,
    );
  return person ? { ...requester, person: person.key } : requester;
}

/** The registered vendor a body names, if any (validation reports a vendor that is not registered). */
async function namedVendor(ctx: Pick<BrokerContext, 'vendors'>, body: unknown) {
  const id = (body as { vendor?: unknown } | null)?.vendor;
  return typeof id === 'string' && VENDOR_ID.test(id) ? ctx.vendors.get(id) : undefined;
}

/** The workflow's input; the approval timeout counts from the request, so a restarted workflow keeps it. */
export function workflowInput(
  record: GrantRecord,
  config: BrokerConfig,
  now: Date,
  since = new Date(record.extension?.requestedAt ?? record.createdAt),
): WorkflowInput {
  const elapsed = Math.floor((now.getTime() - since.getTime()) / 1000);
  return {
    schemaVersion: 1,
    requestId: record.id,
    approvalTimeoutSeconds: Math.max(1, durationSeconds(config.limits.approvalTimeout) - elapsed),
    ...(record.startAt ? { startAt: record.startAt } : {}),
  };
}
