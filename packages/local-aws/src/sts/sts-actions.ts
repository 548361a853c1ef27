import { randomBytes } from 'node:crypto';
import type { ActionContext } from '../iam/iam-actions';
import { authorize } from '../iam/authorize';
import { QueryError, required } from '../protocol/query-protocol';

type Handler = (ctx: ActionContext) => Promise<Record<string, unknown>>;

/** The local STS answers for one region (its endpoint's); RoleLastUsed names it, as IAM does. */
const LAST_USED_REGION = 'us-east-1';

/** STS as the third party meets it: AssumeRole decided by the role's trust policy, and GetCallerIdentity. */
export const STS_ACTIONS: Record<string, Handler> = {
  async AssumeRole({ state, caller, params, now }) {
    const roleArn = required(params, 'RoleArn');
    const sessionName = validSessionName(required(params, 'RoleSessionName'));
    const role = state.roleByArn(roleArn, now);
    const externalId = params.get('ExternalId');
    const denied = new QueryError(
      403,
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
    // AWS answers AccessDenied, not NoSuchEntity, for a role that does not exist: nothing leaks.
    if (!role || role.arn !== roleArn) throw denied;
    await authorize(
      state,
      caller,
      {
        action: 'sts:AssumeRole',
        resource: role.arn,
        resourceAccount: role.accountId,
        resourcePolicy: role.trustPolicy,
        context: externalId ? { 'sts:ExternalId': externalId } : {},
      },
      now,
    );
    const duration = Number(params.get('DurationSeconds') ?? 3600);
    if (!Number.isInteger(duration) || duration < 900 || duration > role.maxSessionDuration) {
      throw new QueryError(
        400,
        'ValidationError',
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
      );
    }
    const session = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(64).toString('base64'),
      arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
      roleArn: role.arn,
      accountId: role.accountId,
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + duration * 1000).toISOString(),
      ...(caller.session ? { chained: true } : {}),
    };
    state.putSession(session);
    state.markRoleUsed(role, now, LAST_USED_REGION);
    return {
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: session.expiresAt,
      },
      AssumedRoleUser: { AssumedRoleId: `${role.roleId}:${sessionName}`, Arn: session.arn },
    };
  },

  async GetCallerIdentity({ caller }) {
    // Needs no permission in AWS either: it only says who you are.
    const userId = caller.session
      ? `${caller.session.roleArn.split('/').pop()}:${caller.arn.split('/').pop()}`
      : caller.user!.accessKeyId;
    return { UserId: userId, Account: caller.accountId, Arn: caller.arn };
  },
};

function validSessionName(sessionName: string): string {
  if (/^[\w+=,.@-]{2,64}$/.test(sessionName)) return sessionName;
  throw new QueryError(
    400,
    'ValidationError',
    `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint`,
  );
}
