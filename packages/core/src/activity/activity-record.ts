import { requestIdFromRoleName, ROLE_PATH } from '../grants/role-spec';

/** One AWS API call made with one of a grant's sessions: who, what, when, and whether AWS allowed it. */
export interface ActivityRecord {
  requestId: string;
  /** CloudTrail's eventID: a redelivered event is the same record. */
  eventId: string;
  at: string;
  /** The service, as CloudTrail names it: `s3.amazonaws.com`. */
  service: string;
  action: string;
  /** The role session name the third party chose. */
  sessionName: string;
  sourceIp?: string;
  userAgent?: string;
  region?: string;
  /** The account the call was made in, as the verified event says (organization-wide grants span several). */
  accountId?: string;
  allowed: boolean;
  errorCode?: string;
  readOnly?: boolean;
  resources?: string[];
}

export interface ActivitySummary {
  calls: number;
  denied: number;
  services: string[];
}

const text = (value: unknown, max = 256) => (typeof value === 'string' ? value.slice(0, max) : undefined);
const ISSUER = /^arn:[\w-]+:iam::\d{12}:role(\/.*\/)([\w+=,.@-]+)$/;
const KEY_USER = /^arn:[\w-]+:iam::\d{12}:user(\/.*\/)([\w+=,.@-]+)$/;

/**
 * A CloudTrail record (the `detail` of an "AWS API Call via CloudTrail" event) as an activity record, when it
 * was made with a broker grant role's session; undefined for anything else. Every field a caller controls
 * (session name, user agent) is kept as data, capped in length, and escaped wherever it is shown.
 */
export function activityFromCloudTrail(detail: unknown): ActivityRecord | undefined {
  const record = detail as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudTrail JSON
  const identity = record?.userIdentity;
  // A grant role's session; or, for an access-key vendor, its key user (the key's own calls: AssumeRole).
  const issuer =
    identity?.type === 'AssumedRole'
      ? ISSUER.exec(String(identity?.sessionContext?.sessionIssuer?.arn ?? ''))
      : identity?.type === 'IAMUser'
        ? KEY_USER.exec(String(identity?.arn ?? ''))
        : null;
  if (!issuer || issuer[1] !== ROLE_PATH) return undefined;
  const requestId = requestIdFromRoleName(issuer[2]!);
  const eventId = text(record.eventID, 128);
  const at = text(record.eventTime, 40);
  if (!requestId || !eventId || !at || Number.isNaN(Date.parse(at))) return undefined;
  // A key user's calls have no session: they are named for the access key that made them.
  const sessionName =
    identity.type === 'IAMUser'
      ? `access key ${text(identity.accessKeyId, 32) ?? ''}`
      : (String(identity.arn ?? '')
          .split('/')
          .pop() ?? '');
  const errorCode = text(record.errorCode, 128);
  const resources = Array.isArray(record.resources)
    ? record.resources
        .map((resource: { ARN?: unknown }) => text(resource?.ARN, 2048))
        .filter((arn: string | undefined): arn is string => Boolean(arn))
        .slice(0, 10)
    : [];
  return {
    requestId,
    eventId,
    at: new Date(at).toISOString(),
    service: text(record.eventSource, 128) ?? 'unknown',
    action: text(record.eventName, 128) ?? 'unknown',
    sessionName: sessionName.slice(0, 64),
    ...(text(record.sourceIPAddress, 64) ? { sourceIp: text(record.sourceIPAddress, 64) } : {}),
    ...(text(record.userAgent) ? { userAgent: text(record.userAgent) } : {}),
    ...(text(record.awsRegion, 32) ? { region: text(record.awsRegion, 32) } : {}),
    allowed: errorCode === undefined,
    ...(errorCode ? { errorCode } : {}),
    ...(typeof record.readOnly === 'boolean' ? { readOnly: record.readOnly } : {}),
    ...(resources.length > 0 ? { resources } : {}),
  };
}

/** What a grant was used for, in three numbers people read at a glance. */
export function activitySummary(records: readonly ActivityRecord[]): ActivitySummary {
  return {
    calls: records.length,
    denied: records.filter((record) => !record.allowed).length,
    services: [...new Set(records.map((record) => record.service.replace(/\.amazonaws\.com$/, '')))].sort(),
  };
}
