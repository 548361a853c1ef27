/** AWS's bounds on an assumed-role session: at least 15 minutes; an hour is the default and what every grant role allows. */
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 3600;

/** When a grant's access ends, and when the profile is handed over (sessions cannot outlast the first). */
export interface ProfileWindow {
  expiresAt: string;
  now: Date;
  region?: string;
}

/**
 * The `~/.aws/config` profile the third party pastes; `source_profile` names their own credentials. It names
 * the broker's region, since the AWS CLI refuses to run without one. Its sessions last no longer than the grant
 * has left — except that AWS's shortest session is 15 minutes, which the profile says, along with why that
 * is safe: the role's own policy denies every call once the grant ends, and its trust refuses new sessions.
 * The end is also a comment `broker console` reads, so the console session it opens is no longer either.
 */
export function awsCliProfile(
  id: string,
  roleArn: string,
  externalId: string,
  window: ProfileWindow,
): string {
  const left = Math.floor((Date.parse(window.expiresAt) - window.now.getTime()) / 1000);
  const seconds = Math.min(MAX_SESSION_SECONDS, Math.max(MIN_SESSION_SECONDS, left));
  return [
    `[profile access-broker-${id}]`,
    `# access-broker: access ends ${window.expiresAt}`,
    ...(left < MIN_SESSION_SECONDS
      ? [
          "# AWS's shortest session is 15 minutes; the role's own policy denies every call after the end above.",
        ]
      : []),
    `role_arn = ${roleArn}`,
    `external_id = ${externalId}`,
    'source_profile = default',
    ...(window.region ? [`region = ${window.region}`] : []),
    `duration_seconds = ${seconds}`,
    '',
  ].join('\n');
}
