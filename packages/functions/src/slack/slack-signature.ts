import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '@access-broker/core';

// Slack: reject requests whose timestamp is more than five minutes away, against replays.
const WINDOW_SECONDS = 5 * 60;

/**
 * Verifies Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the
 * signing secret, compared in constant time. A valid signature proves only that Slack sent it.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): void {
  const { signingSecret, timestamp, signature, rawBody, now } = input;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature)
    throw new AuthenticationError('missing Slack signature headers');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WINDOW_SECONDS)
    throw new AuthenticationError('Slack request timestamp is outside the five-minute window');
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`,
  );
  const presented = Buffer.from(signature);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
    throw new AuthenticationError('invalid Slack signature');
}

/** What Slack would send, for the local runtime's docs and for tests. */
export function signSlackBody(
  signingSecret: string,
  rawBody: string,
  timestamp: number,
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}
