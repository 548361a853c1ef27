import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import createClient from 'openapi-fetch';
import type { components, paths } from '@access-broker/api-types';
import { CliError, EXIT } from './cli-error';
import { activeLogin } from './sign-in/active-login';

/** The API's own shapes, from the types generated from its OpenAPI document. */
export type RequestView = components['schemas']['Request'];
export type RequestPage = components['schemas']['RequestPage'];
export type AuditEntry = components['schemas']['AuditEntry'];
type Problem = components['schemas']['Problem'];
export type Profiles = components['schemas']['Profiles'];
export type Vendor = components['schemas']['Vendor'];

export { CliError, EXIT } from './cli-error';

export interface Connection {
  apiUrl: string;
  token: string;
  /** Where the token came from, for `broker whoami`. */
  source: string;
}

/**
 * Where the API is and who we are. The API: --api-url, BROKER_API_URL, then the local broker's
 * `$BROKER_HOME/local.json`. The token: --token, BROKER_TOKEN, a local token named by --as, the person's
 * `broker login` for that API (refreshed when it is about to expire), then the local token `defaultAs`.
 */
export async function connection(options: {
  apiUrl?: string;
  token?: string;
  as?: string;
  defaultAs?: string;
}): Promise<Connection> {
  const local = readLocal();
  const apiUrl = apiUrlOf(options);
  if (options.token) return { apiUrl, token: options.token, source: '--token' };
  if (process.env.BROKER_TOKEN) return { apiUrl, token: process.env.BROKER_TOKEN, source: 'BROKER_TOKEN' };
  const named = options.as ? local?.tokens?.[options.as] : undefined;
  if (named) return { apiUrl, token: named, source: `the local ${options.as} token` };
  const login = await activeLogin(apiUrl);
  if (login) return { apiUrl, token: login.token, source: `broker login (${login.issuer})` };
  const role = options.defaultAs ?? 'requester';
  const fallback = local?.tokens?.[role];
  if (fallback) return { apiUrl, token: fallback, source: `the local ${role} token` };
  throw new CliError(
    `no token for ${apiUrl}: run broker login, or pass --token (or set BROKER_TOKEN)`,
    EXIT.auth,
  );
}

/** The API's URL alone, for commands that need no token (login). */
export function apiUrlOf(options: { apiUrl?: string }): string {
  const apiUrl = options.apiUrl ?? process.env.BROKER_API_URL ?? readLocal()?.apiUrl;
  if (!apiUrl)
    throw new CliError(
      'no API to talk to: pass --api-url, set BROKER_API_URL, or start the local broker',
      EXIT.usage,
    );
  return apiUrl.replace(/\/$/, '');
}

function readLocal(): { apiUrl?: string; tokens?: Record<string, string> } | undefined {
  try {
    return JSON.parse(
      readFileSync(join(resolve(process.env.BROKER_HOME ?? '.broker'), 'local.json'), 'utf8'),
    );
  } catch {
    return undefined;
  }
}

/** A client typed by the OpenAPI document: a path, method or body the API does not have fails to compile. */
export function apiClient(conn: Connection) {
  return createClient<paths>({ baseUrl: conn.apiUrl, headers: { authorization: `Bearer ${conn.token}` } });
}

/** One API call's answer: its data, or a CliError carrying the problem+json and a matching exit code. */
export async function answer<T>(
  conn: Connection,
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (error) {
    throw new CliError(`cannot reach ${conn.apiUrl}: ${(error as Error).message}`, EXIT.failed);
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  const problem = isProblem(error) ? error : undefined;
  const details = problem?.errors?.map((issue) => `  ${issue.field}: ${issue.reason}`).join('\n');
  const code =
    response.status === 401
      ? EXIT.auth
      : response.status === 404
        ? EXIT.notFound
        : response.status < 500
          ? EXIT.refused
          : EXIT.failed;
  // With field issues the detail only repeats them: the title heads the list, and each issue is said once.
  const headline = details
    ? (problem?.title ?? response.statusText)
    : (problem?.detail ?? response.statusText);
  throw new CliError(`${response.status} ${headline}${details ? `\n${details}` : ''}`, code, problem);
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'detail' in value;
}
