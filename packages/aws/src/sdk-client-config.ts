import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

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
    retryStrategy: new ConfiguredRetryStrategy(
      maxAttempts,
      (attempt) => Math.random() * Math.min(retryBaseDelayMs * 2 ** attempt, 20_000),
    ),
  };
}
