import type { IncomingMessage } from 'node:http';
import { authorize, type Caller } from './authorize';
import { identifyCaller } from './identify-caller';
import type { IamState } from './iam-state';

export interface AuthorizationRequest {
  action: string;
  resource: string;
  context?: Record<string, string>;
}

/**
 * Identity and authorization for every local endpoint (DynamoDB, Step Functions, Scheduler, EventBridge,
 * SSM): the caller is whoever signed the request, and each call is allowed only if that caller's policies
 * allow it, as IAM would decide. Decisions for principals whose policies cannot change (the functions'
 * roles) are cached, since the same few (action, resource) pairs repeat on every request.
 */
export class AwsAuthority {
  private readonly stablePrincipals = new Set<string>();
  private readonly decisions = new Map<string, Promise<void>>();

  constructor(
    readonly state: IamState,
    readonly accountId: string,
    readonly region: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Marks a role whose policies are fixed for the life of the runtime (a function's execution role). */
  markStable(roleArn: string) {
    this.stablePrincipals.add(roleArn);
  }

  identify(request: IncomingMessage, body: string): Promise<Caller> {
    return identifyCaller(this.state, request, body, this.clock());
  }

  async authorize(caller: Caller, request: AuthorizationRequest): Promise<void> {
    const principal = caller.session?.roleArn ?? caller.arn;
    const decide = () =>
      authorize(
        this.state,
        caller,
        {
          ...request,
          resourceAccount: this.accountId,
          ...(request.context ? { context: request.context } : {}),
        },
        this.clock(),
      );
    if (!this.stablePrincipals.has(principal)) return decide();
    const key = `${principal}\n${request.action}\n${request.resource}\n${JSON.stringify(request.context ?? {})}`;
    let decision = this.decisions.get(key);
    if (!decision) {
      decision = decide();
      this.decisions.set(key, decision);
    }
    return decision;
  }

  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${this.accountId}:${resource}`;
  }
}
