import {
  type GrantRecord,
  loadRequest,
  mayChange,
  NotAllowedError,
  RequestNotFoundError,
  type Caller,
  type Visibility,
  visibilityOf,
} from '@access-broker/core';
import * as z from 'zod';
import type { HandlerDeps } from '../wiring/handler-deps';
import { requestView } from './request-view';
import type { Problems } from './route-spec';

/** `{id}` in every path about one request. */
export const requestIdParams = z.object({
  id: z.string().regex(/^[0-9a-z]{1,64}$/, 'is not a request id'),
});

/** What a bearer-token route can be refused for before it runs. */
export const TOKEN_PROBLEMS = {
  401: 'Missing or unknown token (the answer carries WWW-Authenticate)',
  403: 'The token lacks the scope',
} as const satisfies Problems;

/** What a route that changes a request (extend, revoke) can be refused for, besides its own input. */
export const CHANGE_PROBLEMS = {
  401: TOKEN_PROBLEMS[401],
  403: 'The token lacks the scope, or the caller neither filed, approves nor administers it',
  404: 'No such request (or not yours to see)',
} as const satisfies Problems;

/**
 * The request as this client may see it: not at all (404, so nothing says it exists), without its
 * credentials, or in full. Every route on one request goes through here first.
 */
export async function visibleRequest(deps: HandlerDeps, id: string, viewer: Caller) {
  const record = await loadRequest(deps.store, id);
  const visibility = visibilityOf(deps.config, viewer, record);
  if (visibility === 'none') throw new RequestNotFoundError(id);
  return { record, visibility: visibility as Exclude<Visibility, 'none'> };
}

/** Extend and revoke: only whoever filed it, its approvers and admins. */
export async function changeableRequest(deps: HandlerDeps, id: string, viewer: Caller) {
  const { record } = await visibleRequest(deps, id, viewer);
  if (!mayChange(deps.config, viewer, record))
    throw new NotAllowedError('only the client that filed it, its approvers and admins may change a request');
  return record;
}

/** The request after a change, as the client that made it may see it. */
export function viewFor(deps: HandlerDeps, viewer: Caller, record: GrantRecord) {
  const visibility = visibilityOf(deps.config, viewer, record);
  return requestView(record, visibility === 'none' ? 'redacted' : visibility, deps.config, deps.clock.now());
}
