import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  RetryErrorInfo,
  StandardRetryToken,
} from '@smithy/types';

/**
 * Errors the SDK classifies as throttling that are quotas: IAM answers `LimitExceeded` when an account has
 * all the roles it may have, and retrying for seconds changes nothing (it only hides the refusal).
 */
export const QUOTA_ERRORS = new Set(['LimitExceededException']);

/** The SDK's configured backoff, except that a quota error is final. */
class QuotaAwareRetryStrategy extends ConfiguredRetryStrategy {
  override async refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo) {
    const name = (errorInfo.error as { name?: string } | undefined)?.name;
    if (name && QUOTA_ERRORS.has(name)) throw errorInfo.error;
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

export interface SdkClientOptions {
  region: string;
  /** A local endpoint (dynalite, the local IAM/STS); absent in AWS. */
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call, throttling and 5xx included. */
  maxAttempts?: number;
  /** First backoff; doubles per attempt with full jitter, capped at 20 s as in the SDK's standard mode. */
  retryBaseDelayMs?: number;
}

/** One client config shape for every service: the same retry behaviour everywhere, set once per process. */
export function sdkClientConfig({
  region,
  endpoint,
  credentials,
  // AWS_MAX_ATTEMPTS is the SDK's own setting; the retry strategy below would otherwise override it.
  maxAttempts = Number(process.env.AWS_MAX_ATTEMPTS) || 8,
  retryBaseDelayMs = 100,
}: SdkClientOptions) {
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    retryStrategy: new QuotaAwareRetryStrategy(
      maxAttempts,
      (attempt) => Math.random() * Math.min(retryBaseDelayMs * 2 ** attempt, 20_000),
    ),
  };
}
