import { randomBytes } from 'node:crypto';
import type { IamState, LocalRole, LocalSession } from './iam-state';

const TWELVE_HOURS_MS = 12 * 3600_000;

/**
 * A service's execution role (a function's, Scheduler's) with exactly the given statements, and a session of
 * it: the credentials Lambda would put in the function's environment. Replaced on every start, so the local
 * roles always carry the policies the declarations give them now.
 */
export function serviceRole(
  state: IamState,
  input: { accountId: string; roleName: string; service: string; statements: unknown[] },
): { role: LocalRole; session: LocalSession } {
  const arn = `arn:aws:iam::${input.accountId}:role/${input.roleName}`;
  const role: LocalRole = {
    accountId: input.accountId,
    roleName: input.roleName,
    roleId: `AROA${randomBytes(8).toString('hex').toUpperCase()}`,
    path: '/',
    arn,
    createDate: new Date().toISOString(),
    trustPolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: input.service }, Action: 'sts:AssumeRole' }],
    }),
    maxSessionDuration: 43_200,
    tags: [],
    inlinePolicies: {
      [`${input.roleName}-policy`]: JSON.stringify({ Version: '2012-10-17', Statement: input.statements }),
    },
    attachedPolicyArns: [],
  };
  state.putRole(role);
  const now = new Date();
  const session: LocalSession = {
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(64).toString('base64'),
    arn: `arn:aws:sts::${input.accountId}:assumed-role/${input.roleName}/${input.roleName}`,
    roleArn: arn,
    accountId: input.accountId,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TWELVE_HOURS_MS).toISOString(),
  };
  state.putSession(session);
  return { role, session };
}
