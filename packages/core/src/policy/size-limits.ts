// IAM quotas ("IAM and AWS STS quotas"): an inline role policy may hold 10,240 characters and a role trust
// policy 2,048 by default, both counted without whitespace. Minified JSON is what we send, so we count that.
export const INLINE_POLICY_MAX_CHARS = 10_240;
export const TRUST_POLICY_MAX_CHARS = 2_048;
// A role may carry 10 managed policies by default.
export const MANAGED_POLICIES_PER_ROLE = 10;

export function policySize(document: unknown): number {
  return JSON.stringify(document).length;
}
