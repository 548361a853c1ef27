import fc from 'fast-check';
import { zxcvbnStrength } from '../requests/external-id-strength';
import { describe, expect, it } from 'vitest';
import { iamDataCatalog } from './iam-action-catalog';
import { auditRequestBody, testConfig } from '../testing';
import { validateAccessRequest } from '../requests/validate-access-request';
import { buildPermissionPolicy } from './permission-policy';
import { INLINE_POLICY_MAX_CHARS, policySize, TRUST_POLICY_MAX_CHARS } from './size-limits';
import { buildTrustPolicy } from './trust-policy';

const config = testConfig();
const now = new Date('2026-11-23T12:00:00Z');

const accountId = fc.stringMatching(/^\d{12}$/);
const entityName = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
const pathSegment = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const principal = fc.oneof(
  accountId,
  fc
    .tuple(
      fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
      accountId,
      fc.constantFrom('role', 'user'),
      fc.array(pathSegment, { maxLength: 8 }),
      entityName,
    )
    .map(
      ([partition, account, kind, path, name]) =>
        `arn:${partition}:iam::${account}:${kind}${path.map((p) => `/${p}`).join('')}/${name}`,
    ),
);
// Supplied External IDs: AWS's alphabet, long and varied enough not to be guessable; or none (generated).
const externalId = fc.option(fc.stringMatching(/^[A-Za-z0-9_+=,.@:/-]{24,1224}$/), { nil: undefined });
const duration = fc.integer({ min: 15, max: 3 * 24 * 60 }).map((minutes) => `PT${minutes}M`);

describe('trust policy of every accepted request', () => {
  // 300 requests, each External ID up to 1,224 characters through the strength estimator: CPU-bound, 15 s on an
  // idle machine and past 30 s on two cores shared with the end-to-end files. The time is not what is tested.
  it(
    'names exactly one principal, carries the External ID and the expiry, and fits IAM limits',
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          principal,
          externalId,
          duration,
          async (principalInput, externalIdInput, durationInput) => {
            // Prepare
            const body = auditRequestBody({
              principal: principalInput,
              externalId: externalIdInput,
              duration: durationInput,
            });
            const request = await validateAccessRequest(body, {
              config,
              catalog: iamDataCatalog,
              strength: zxcvbnStrength,
              now,
            }).catch(() => undefined);
            fc.pre(request !== undefined); // the property is about accepted requests
            const expiresAt = new Date(now.getTime() + request!.durationSeconds * 1000);
            // Act
            const trust = buildTrustPolicy({
              principalArn: request!.principal.arn,
              externalId: request!.externalId,
              expiresAt,
            });
            const permissions = buildPermissionPolicy(request!.statements, expiresAt);
            // Assess
            expect(trust.Statement).toHaveLength(1);
            const [statement] = trust.Statement as [
              {
                Principal: { AWS: unknown };
                Action: unknown;
                Condition: Record<string, Record<string, string>>;
              },
            ];
            expect(typeof statement.Principal.AWS).toBe('string');
            expect(statement.Principal.AWS).not.toContain('*');
            expect(statement.Principal.AWS).toBe(request!.principal.arn);
            expect(statement.Action).toBe('sts:AssumeRole');
            expect(statement.Condition.StringEquals!['sts:ExternalId']).toBe(request!.externalId);
            expect(statement.Condition.DateLessThan!['aws:CurrentTime']).toBe(expiresAt.toISOString());
            expect(policySize(trust)).toBeLessThanOrEqual(TRUST_POLICY_MAX_CHARS);
            expect(policySize(permissions)).toBeLessThanOrEqual(INLINE_POLICY_MAX_CHARS);
            expect(permissions.Statement.at(-1)).toMatchObject({
              Effect: 'Deny',
              Action: '*',
              Condition: { DateGreaterThan: { 'aws:CurrentTime': expiresAt.toISOString() } },
            });
          },
        ),
        { numRuns: 300 },
      );
    },
  );
});
