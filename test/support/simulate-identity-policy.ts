import { runSimulation } from '@cloud-copilot/iam-simulate';

/**
 * IAM's decision for one request made by a principal holding exactly `policy`, as iam-simulate (AGPL,
 * tests only) evaluates it: 'Allowed', 'ImplicitlyDenied', 'ExplicitlyDenied', or the simulation error type.
 */
export async function decideWithIdentityPolicy(
  policy: unknown,
  request: {
    principal: string;
    action: string;
    resource: string;
    context?: Record<string, string>;
    accountId?: string;
    /** A permissions boundary the principal carries. */
    boundary?: unknown;
  },
): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.accountId ?? '123456789012' },
        contextVariables: request.context ?? {},
      },
      identityPolicies: [{ name: 'under-test', policy }],
      ...(request.boundary
        ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: request.boundary }] }
        : {}),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  return result.resultType === 'single' ? result.overallResult : result.resultType;
}
