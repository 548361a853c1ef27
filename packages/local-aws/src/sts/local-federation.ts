import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { IamState } from '../iam/iam-state';

const TOKEN_LIFETIME_MS = 15 * 60_000;
const CONSOLE =
  /^https:\/\/([a-z0-9-]+\.)?console\.(aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)(\/|$)/;

/**
 * The AWS federation endpoint (signin.aws.amazon.com/federation), as a custom identity broker uses it:
 * `getSigninToken` trades a live role session's credentials for a sign-in token, `login` spends the token (once,
 * within 15 minutes) and redirects to the console. What AWS refuses is refused here: long-term keys, an expired
 * or unknown session, a SessionDuration outside 15 minutes to 12 hours, a longer one for a chained role session,
 * a destination that is not the console.
 */
export class LocalFederation {
  private readonly tokens = new Map<string, { accessKeyId: string; consoleUntil: number; issued: number }>();

  constructor(private readonly state: IamState) {}

  answer(url: URL, now: Date, response: ServerResponse) {
    const refuse = (status: number, message: string) => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(message);
    };
    const action = url.searchParams.get('Action');
    if (action === 'getSigninToken') {
      let credentials: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
      try {
        credentials = JSON.parse(url.searchParams.get('Session') ?? '');
      } catch {
        return refuse(400, 'Session must be the JSON of sessionId, sessionKey and sessionToken');
      }
      const session = this.state.sessions.get(String(credentials.sessionId));
      if (
        !session ||
        session.secretAccessKey !== credentials.sessionKey ||
        session.sessionToken !== credentials.sessionToken ||
        Date.parse(session.expiresAt) <= now.getTime()
      )
        return refuse(400, 'The session credentials are invalid or expired');
      const duration = Number(url.searchParams.get('SessionDuration') ?? 3600);
      if (!Number.isInteger(duration) || duration < 900 || duration > 43_200)
        return refuse(400, 'SessionDuration must be 900 to 43200 seconds');
      if (session.chained && duration > 3600)
        return refuse(
          400,
          'A role session made with role credentials may open a console session of at most 1 hour',
        );
      const token = randomBytes(48).toString('base64url');
      this.tokens.set(token, {
        accessKeyId: session.accessKeyId,
        consoleUntil: now.getTime() + duration * 1000,
        issued: now.getTime(),
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify({ SigninToken: token }));
    }
    if (action === 'login') {
      const token = url.searchParams.get('SigninToken') ?? '';
      const grant = this.tokens.get(token);
      const destination = url.searchParams.get('Destination') ?? '';
      this.tokens.delete(token);
      if (!grant || now.getTime() - grant.issued > TOKEN_LIFETIME_MS)
        return refuse(400, 'The sign-in token is invalid, used or expired');
      if (!CONSOLE.test(destination)) return refuse(400, 'Destination must be an AWS console URL');
      const session = this.state.sessions.get(grant.accessKeyId);
      if (!session || Date.parse(session.expiresAt) <= now.getTime())
        return refuse(400, 'The session behind this sign-in token has expired');
      response.writeHead(302, {
        location: destination,
        'set-cookie': `aws-console-session=${session.accessKeyId}; Max-Age=${Math.floor((grant.consoleUntil - now.getTime()) / 1000)}; HttpOnly; Secure`,
      });
      return void response.end();
    }
    refuse(400, `Unknown Action ${action}`);
  }
}
