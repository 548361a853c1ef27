/**
 * Every expected failure of the broker is one of these. Callers branch on the class (or its stable `code`),
 * never on the message; the HTTP layer maps them to problem+json in one place.
 */
export abstract class BrokerError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One rejected input: the field (a dotted path into the request or config) and why. */
export interface FieldIssue {
  field: string;
  reason: string;
}

export class ValidationError extends BrokerError {
  readonly code = 'VALIDATION_FAILED';

  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.reason}`).join('; '));
  }

  static of(field: string, reason: string): ValidationError {
    return new ValidationError([{ field, reason }]);
  }
}

export class ConfigError extends BrokerError {
  readonly code = 'INVALID_CONFIG';

  constructor(readonly issues: FieldIssue[]) {
    // One line per problem: a config with several mistakes shows them all at once.
    super(`invalid broker config:\n${issues.map((issue) => `  ${issue.field}: ${issue.reason}`).join('\n')}`);
  }
}

export class RequestNotFoundError extends BrokerError {
  readonly code = 'REQUEST_NOT_FOUND';

  constructor(readonly requestId: string) {
    super(`access request ${requestId} does not exist`);
  }
}

export class IllegalTransitionError extends BrokerError {
  readonly code = 'ILLEGAL_TRANSITION';

  constructor(
    readonly requestId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`access request ${requestId} cannot go from ${from} to ${to}`);
  }
}

/** Another writer changed the request first (the conditional write on status + version failed). */
export class GrantConflictError extends BrokerError {
  readonly code = 'CONCURRENT_MODIFICATION';

  constructor(
    readonly requestId: string,
    options?: { cause?: unknown },
  ) {
    super(`access request ${requestId} was changed concurrently`, options);
  }
}

export class IdempotencyConflictError extends BrokerError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';

  constructor(readonly idempotencyKey: string) {
    super('this Idempotency-Key was already used with a different request body');
  }
}

/** The caller could not be identified (missing or unknown token, bad signature). */
export class AuthenticationError extends BrokerError {
  readonly code = 'UNAUTHENTICATED';
}

/** The caller is known but may not do this (not an approver, self-approval, wrong channel). */
export class NotAllowedError extends BrokerError {
  readonly code = 'NOT_ALLOWED';
}

/** The decision came too late: the request is no longer waiting for one. */
export class AlreadyDecidedError extends BrokerError {
  readonly code = 'ALREADY_DECIDED';

  constructor(
    readonly requestId: string,
    readonly status: string,
  ) {
    super(`access request ${requestId} is already ${status}`);
  }
}

/** An AWS-side failure an adapter could not resolve by retrying (after its own backoff). */
export class ProvisioningError extends BrokerError {
  readonly code = 'PROVISIONING_FAILED';
}

/**
 * AWS refused for a quota (IAM's roles per account, policy sizes): retrying cannot help until capacity is
 * freed, so it is neither retried by the SDK nor by the workflow; the grant fails at once with this reason.
 */
export class QuotaExceededError extends BrokerError {
  readonly code = 'QUOTA_EXCEEDED';
}

export class TeardownError extends BrokerError {
  readonly code = 'TEARDOWN_FAILED';
}

export class VendorNotFoundError extends BrokerError {
  readonly code = 'VENDOR_NOT_FOUND';

  constructor(readonly vendorId: string) {
    super(`vendor ${vendorId} is not registered`);
  }
}

/** Another admin changed the vendor first. */
export class VendorConflictError extends BrokerError {
  readonly code = 'CONCURRENT_MODIFICATION';

  constructor(readonly vendorId: string) {
    super(`vendor ${vendorId} was changed concurrently; read it again`);
  }
}

/** The vendor is suspended (its kill switch): no new request, approval or role for it until it is resumed. */
export class VendorSuspendedError extends BrokerError {
  readonly code = 'VENDOR_SUSPENDED';

  constructor(readonly vendorId: string) {
    super(`vendor ${vendorId} is suspended: no new access for it until an admin resumes it`);
  }
}

/** The reconciler could not look at every account or remove every orphan: what it did, and what failed. */
export class ReconcileIncompleteError extends BrokerError {
  readonly code = 'RECONCILE_INCOMPLETE';

  constructor(
    readonly removed: readonly { accountId: string; roleName: string; reason: string }[],
    readonly failures: readonly { accountId: string; roleName?: string; reason: string }[],
  ) {
    super(
      `reconcile failed for ${failures.map((failure) => failure.roleName ?? failure.accountId).join(', ')}`,
    );
  }
}
