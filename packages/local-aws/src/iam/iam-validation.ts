import { QueryError } from '../protocol/query-protocol';

// IAM quotas ("IAM and AWS STS quotas") and name rules, enforced as IAM enforces them.
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const PATH = /^(\/|\/[\x21-\x7E]{1,510}\/)$/;
export const TRUST_POLICY_LIMIT = 2048;
export const INLINE_POLICIES_AGGREGATE_LIMIT = 10_240;
export const MANAGED_POLICIES_PER_ROLE = 10;

export function validateRoleName(name: string) {
  if (!ROLE_NAME.test(name)) {
    throw new QueryError(
      400,
      'ValidationError',
      `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
}

export function validatePath(path: string) {
  if (!PATH.test(path)) {
    throw new QueryError(
      400,
      'ValidationError',
      `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
    );
  }
}

/** Parses a policy document the way IAM does: JSON, a Statement, no whitespace in the size count. */
export function parsePolicyDocument(document: string): { Statement: Record<string, unknown>[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new QueryError(400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
  }
  const statement = (parsed as { Statement?: unknown })?.Statement;
  if (typeof parsed !== 'object' || parsed === null || statement === undefined) {
    throw new QueryError(400, 'MalformedPolicyDocument', 'Policy document should contain a Statement.');
  }
  return { Statement: Array.isArray(statement) ? statement : [statement as Record<string, unknown>] };
}

export function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

export function validateMaxSessionDuration(seconds: number) {
  if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43_200) {
    throw new QueryError(
      400,
      'ValidationError',
      `The requested MaxSessionDuration ${seconds} must be between 3600 and 43200 seconds.`,
    );
  }
}

export function validateTags(tags: { Key?: string; Value?: string }[]) {
  if (tags.length > 50)
    throw new QueryError(400, 'LimitExceeded', 'Cannot exceed quota for TagsPerRole: 50.');
  for (const tag of tags) {
    if (
      !tag.Key ||
      tag.Key.length > 128 ||
      (tag.Value ?? '').length > 256 ||
      !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(`${tag.Key}${tag.Value ?? ''}`)
    ) {
      throw new QueryError(
        400,
        'ValidationError',
        `1 validation error detected: invalid tag ${JSON.stringify(tag.Key)}.`,
      );
    }
  }
}
