import {
  AlreadyDecidedError,
  AuthenticationError,
  BrokerError,
  GrantConflictError,
  IdempotencyConflictError,
  IllegalTransitionError,
  NotAllowedError,
  RequestNotFoundError,
  ValidationError,
  VendorConflictError,
  VendorNotFoundError,
  VendorSuspendedError,
} from '@access-broker/core';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; reason: string }[];
}

// The one table from typed errors to HTTP (RFC 9457 problem+json).
const STATUS: [new (...args: never[]) => BrokerError, number, string][] = [
  [ValidationError, 400, 'The request is invalid'],
  [AuthenticationError, 401, 'Authentication required'],
  [NotAllowedError, 403, 'Not allowed'],
  [RequestNotFoundError, 404, 'No such access request'],
  [VendorNotFoundError, 404, 'No such vendor'],
  [VendorConflictError, 409, 'Changed concurrently; read it again'],
  [VendorSuspendedError, 409, 'The vendor is suspended'],
  [AlreadyDecidedError, 409, 'Already decided'],
  [IllegalTransitionError, 409, 'Not possible in the current status'],
  [GrantConflictError, 409, 'Changed concurrently; retry'],
  [IdempotencyConflictError, 409, 'Idempotency-Key reused with another body'],
];

/**
 * Maps any error to problem details. 4xx errors show their message (it names the field and the reason);
 * anything else is a 500 whose detail is generic, so no internal message or SDK error leaks out.
 */
export function problemFor(error: unknown): ProblemDetails {
  const match = error instanceof BrokerError ? STATUS.find(([type]) => error instanceof type) : undefined;
  if (!match || !(error instanceof BrokerError)) {
    return {
      type: problemType('INTERNAL'),
      title: 'Internal error',
      status: 500,
      detail: 'The broker could not complete the request.',
      code: 'INTERNAL',
    };
  }
  const [, status, title] = match;
  return {
    type: problemType(error.code),
    title,
    status,
    detail: error.message,
    code: error.code,
    ...(error instanceof ValidationError ? { errors: error.issues } : {}),
  };
}

function problemType(code: string): string {
  return `urn:access-broker:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
