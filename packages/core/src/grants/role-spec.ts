import type { IamPolicy } from '../policy/policy-document';
import type { Principal } from '../requests/principal';

export const ROLE_PATH = '/access-broker/';
const ROLE_NAME_PREFIX = 'access-broker-';

/** Everything IAM needs to create the grant's role; built by core, executed verbatim by the provisioner. */
export interface RoleSpec {
  roleName: string;
  path: typeof ROLE_PATH;
  trustPolicy: IamPolicy;
  inlinePolicyName: string;
  inlinePolicy: IamPolicy;
  managedPolicyArns: string[];
  permissionsBoundaryArn: string;
  maxSessionDurationSeconds: number;
  description: string;
  tags: { Key: string; Value: string }[];
}

export function roleNameFor(requestId: string): string {
  // IAM role names: [\w+=,.@-]{1,64}. Request ids are generated, but never trust that here.
  return `${ROLE_NAME_PREFIX}${requestId.replace(/[^\w+=,.@-]/g, '-')}`.slice(0, 64);
}

/** The request a grant role belongs to, read back from its name; undefined for any other role. */
export function requestIdFromRoleName(roleName: string): string | undefined {
  return roleName.startsWith(ROLE_NAME_PREFIX)
    ? roleName.slice(ROLE_NAME_PREFIX.length) || undefined
    : undefined;
}

/** The tag naming the request a grant role belongs to. */
export const REQUEST_ID_TAG = 'access-broker:request-id';

export interface RoleTagsInput {
  requestId: string;
  expiresAt: Date;
  principal: Principal;
  requesterId: string;
  ticketKey?: string | undefined;
}

/** Tags make a role traceable from the IAM console and let the reconciler match roles to grants. */
export function roleTags(input: RoleTagsInput): { Key: string; Value: string }[] {
  const tags = [
    { Key: REQUEST_ID_TAG, Value: input.requestId },
    { Key: 'access-broker:expires-at', Value: input.expiresAt.toISOString() },
    { Key: 'access-broker:principal', Value: input.principal.arn },
    { Key: 'access-broker:requester', Value: input.requesterId },
  ];
  if (input.ticketKey) tags.push({ Key: 'access-broker:ticket', Value: input.ticketKey });
  return tags.map((tag) => ({ Key: tag.Key, Value: tagValue(tag.Value) }));
}

// IAM tag values: up to 256 characters of letters, digits, spaces and _.:/=+-@.
function tagValue(value: string): string {
  return value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_').slice(0, 256);
}
