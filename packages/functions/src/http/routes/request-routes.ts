import {
  type GrantRecord,
  mayChange,
  NotAllowedError,
  RequestNotFoundError,
  type Viewer,
  type Visibility,
  visibilityOf,
  GRANT_STATUSES,
  type GrantStatus,
  createRequest,
  loadRequest,
  recordDecision,
  revokeGrant,
  ValidationError,
  zodIssues,
  pendingDecision,
  requestExtension,
} from '@access-broker/core';
import * as z from 'zod';
import type { HandlerDeps } from '../../runtime/handler-deps';
import { httpRoute, jsonBody, pathId } from '../http-route';
import { links, requestSummary, requestView } from '../request-view';

export const decisionBodySchema = z
  .object({ decision: z.enum(['approve', 'deny']), comment: z.string().trim().min(1).max(1000).optional() })
  .strict();
export const revokeBodySchema = z
  .object({ reason: z.string().trim().min(1, 'is required').max(500) })
  .strict();
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error));
  return parsed.data;
}

/** POST /v1/requests — create (202), or replay an earlier create with the same Idempotency-Key (200). */
export const createRequestRoute = (deps: HandlerDeps) =>
  httpRoute(deps, 'requests:create', async (event, identity) => {
    const idempotencyKey = event.headers['idempotency-key'];
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw ValidationError.of('Idempotency-Key', 'must be 1–255 printable ASCII characters');
    }
    const body = jsonBody(event);
    const { record, replayed } = await createRequest(deps, {
      body,
      clientId: identity.clientId,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    return {
      status: replayed ? 200 : 202,
      headers: {
        location: `/v1/requests/${record.id}`,
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
      body: { id: record.id, status: record.status, links: links(record.id) },
    };
  });

/**
 * The request as this client may see it: not at all (404, so nothing says it exists), without its
 * credentials, or in full. Every route on one request goes through here first.
 */
async function visibleRequest(deps: HandlerDeps, id: string, viewer: Viewer) {
  const record = await loadRequest(deps.store, id);
  const visibility = visibilityOf(deps.config, viewer, record);
  if (visibility === 'none') throw new RequestNotFoundError(id);
  return { record, visibility: visibility as Exclude<Visibility, 'none'> };
}

/** Extend and revoke: only whoever filed it, its approvers and admins. */
async function changeableRequest(deps: HandlerDeps, id: string, viewer: Viewer) {
  const { record } = await visibleRequest(deps, id, viewer);
  if (!mayChange(deps.config, viewer, record))
    throw new NotAllowedError('only the client that filed it, its approvers and admins may change a request');
  return record;
}

const viewFor = (deps: HandlerDeps, viewer: Viewer, record: GrantRecord) => {
  const visibility = visibilityOf(deps.config, viewer, record);
  return requestView(record, visibility === 'none' ? 'redacted' : visibility, deps.config.broker.region);
};

/** GET /v1/requests/{id} */
export const getRequestRoute = (deps: HandlerDeps) =>
  httpRoute(deps, 'requests:read', async (event, identity) => {
    const { record, visibility } = await visibleRequest(deps, pathId(event), identity);
    return { status: 200, body: requestView(record, visibility, deps.config.broker.region) };
  });

/** GET /v1/requests?status=&cursor=&limit= */
export const listRequestsRoute = (deps: HandlerDeps) =>
  httpRoute(deps, 'requests:read', async (event, identity) => {
    const query = event.queryStringParameters ?? {};
    const status = query.status;
    if (status !== undefined && !GRANT_STATUSES.includes(status as GrantStatus)) {
      throw ValidationError.of('status', `must be one of ${GRANT_STATUSES.join(', ')}`);
    }
    const limit = Number(query.limit ?? 25);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw ValidationError.of('limit', 'must be an integer from 1 to 100');
    const page = await deps.store.list({
      ...(status ? { status: status as GrantStatus } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      limit,
    });
    return {
      status: 200,
      // The same rule as a single read: a page shows only what this client may see (it may come back short).
      body: {
        items: page.items
          .filter((record) => visibilityOf(deps.config, identity, record) !== 'none')
          .map(requestSummary),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      },
    };
  });

/** GET /v1/requests/{id}/audit — the append-only trail (no External ID is ever in it). */
export const auditTrailRoute = (deps: HandlerDeps) =>
  httpRoute(deps, 'requests:read', async (event, identity) => {
    const id = pathId(event);
    await visibleRequest(deps, id, identity);
    return { status: 200, body: { items: await deps.store.auditTrail(id) } };
  });

/** POST /v1/requests/{id}/decision — an API approval or denial by an approver-scoped client. */
export const decisionRoute = (deps: HandlerDeps) =>
  httpRoute(deps, 'requests:approve', async (event, identity) => {
    const { decision, comment } = parse(decisionBodySchema, jsonBody(event));
    const record = await recordDecision(deps, {
      id: pathId(event),
      approver: { id: identity.clientId, channel: 'api' },
      decision,
      ...(comment ? { comment } : {}),
    });
    if (!pendingDecision(record)) await deps.notifier.announceOutcome(record);
    return { status: 200, body: viewFor(deps, identity, record) };
  });

/** POST /v1/requests/{id}/revoke — ends the grant now (or cancels a request that has none yet). */
export const revokeRoute = (deps: HandlerDeps) =>
  httpRoute(deps, 'requests:revoke', async (event, identity) => {
    const { reason } = parse(revokeBodySchema, jsonBody(event));
    const { id } = await changeableRequest(deps, pathId(event), identity);
    const record = await revokeGrant(deps, {
      id,
      reason: 'revoked',
      by: `api:${identity.clientId}`,
      comment: reason,
    });
    if (record.status === 'CANCELLED') await deps.notifier.announceOutcome(record);
    return { status: 202, body: viewFor(deps, identity, record) };
  });

/** POST /v1/requests/{id}/extend — more time on an ACTIVE grant, through the same approval. */
export const extendRoute = (deps: HandlerDeps) =>
  httpRoute(deps, 'requests:create', async (event, identity) => {
    const { id } = await changeableRequest(deps, pathId(event), identity);
    const record = await requestExtension(deps, { id, body: jsonBody(event), clientId: identity.clientId });
    return { status: 202, body: viewFor(deps, identity, record) };
  });
