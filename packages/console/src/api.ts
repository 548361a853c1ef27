import createClient from 'openapi-fetch';
import type { components, paths } from '@access-broker/api-types';

/** The API's own shapes, from the types generated from its OpenAPI document. */
type Schemas = components['schemas'];
export type RequestView = Schemas['Request'];
export type RequestSummary = Schemas['RequestSummary'];
export type AuditEntry = Schemas['AuditEntry'];
export type ActivityRecord = Schemas['ActivityRecord'];
export type Profiles = Schemas['Profiles'];
export type Vendor = Schemas['Vendor'];
export type WhoAmI = Schemas['WhoAmI'];
export type Status = Schemas['Status'];
type Problem = Schemas['Problem'];

export type Api = ReturnType<typeof apiClient>;

/**
 * The public API with the signed-in person's token, and nothing else: the console can do only what the API
 * lets that person do. The token lives in this closure, never in storage or an address.
 */
export function apiClient(token: string) {
  return createClient<paths>({ baseUrl: location.origin, headers: { authorization: `Bearer ${token}` } });
}

/** An API answer that is not a success, with the problem+json it carried (every field and its reason). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    const fields = (problem.errors ?? []).map((error) => `${error.field}: ${error.reason}`);
    super([problem.detail ?? problem.title ?? `HTTP ${status}`, ...fields].join('\n'));
  }
}

/** The body of a successful answer, or an ApiProblem. */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined || data === null)
    throw new ApiProblem(response.status, (error ?? {}) as Partial<Problem>);
  return data as NonNullable<T>;
}
