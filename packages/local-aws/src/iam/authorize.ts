import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { IamState, LocalSession, LocalUser } from './iam-state';
import { QueryError } from '../protocol/query-protocol';

export interface Caller {
  arn: string;
  accountId: string;
  user?: LocalUser;
  session?: LocalSession;
}

/**
 * Decides a call the way IAM would, with iam-simulate (dev-only, AGPL): the caller's identity policies (a
 * session: its role's inline and attached policies, capped by its boundary), an optional resource policy (a
 * trust policy for AssumeRole) and the request context, including `aws:TokenIssueTime` for sessions.
 */
export async function authorize(
  state: IamState,
  caller: Caller,
  request: {
    action: string;
    resource: string;
    resourceAccount: string;
    resourcePolicy?: string;
    context?: Record<string, string>;
  },
  now: Date,
): Promise<void> {
  const identity = identityOf(state, caller);
  const result = await runSimulation(
    {
      request: {
        principal: caller.arn,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: {
          'aws:CurrentTime': now.toISOString(),
          'aws:PrincipalArn': caller.session?.roleArn ?? caller.arn,
          'aws:PrincipalAccount': caller.accountId,
          ...(caller.session ? { 'aws:TokenIssueTime': caller.session.issuedAt } : {}),
          ...request.context,
        },
      },
      identityPolicies: identity.policies.map((policy, i) => ({ name: `p${i}`, policy: JSON.parse(policy) })),
      ...(identity.boundary
        ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: JSON.parse(identity.boundary) }] }
        : {}),
      ...(request.resourcePolicy ? { resourcePolicy: JSON.parse(request.resourcePolicy) } : {}),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'single' && result.overallResult === 'Allowed') return;
  throw new QueryError(
    403,
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: ${request.action} on resource: ${request.resource}`,
  );
}

function identityOf(state: IamState, caller: Caller): { policies: string[]; boundary?: string } {
  if (caller.user?.userName) {
    // A user made through the IAM API: its current inline policies, capped by its boundary.
    const user = state.iamUser(caller.user.accountId, caller.user.userName);
    if (!user) return { policies: [] };
    const boundary = user.boundaryArn ? state.policies.get(user.boundaryArn)?.document : undefined;
    return { policies: Object.values(user.inlinePolicies), ...(boundary ? { boundary } : {}) };
  }
  if (caller.user) return { policies: caller.user.policies };
  const role = caller.session ? state.roleByArn(caller.session.roleArn) : undefined;
  // A session whose role is gone has no permissions left.
  if (!role) return { policies: [] };
  const attached = role.attachedPolicyArns.flatMap((arn) => state.policies.get(arn)?.document ?? []);
  const boundary = role.boundaryArn ? state.policies.get(role.boundaryArn)?.document : undefined;
  return {
    policies: [...Object.values(role.inlinePolicies), ...attached],
    ...(boundary ? { boundary } : {}),
  };
}
