/**
 * What an API client or a signed-in person may do. `requests:read` shows a client what it filed (and an approver what it may
 * decide); `requests:read-all` shows every request (auditors); `grants:credentials` adds External IDs to
 * what a client sees of requests it did not file; `requests:admin` extends and revokes any request.
 */
export const SCOPES = [
  'requests:create',
  'requests:read',
  'requests:approve',
  'requests:revoke',
  'requests:read-all',
  'grants:credentials',
  'requests:admin',
] as const;
export type Scope = (typeof SCOPES)[number];
