import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/broker-api';

/** The API's own shapes, from the types generated from its OpenAPI document. */
export type RequestView = components['schemas']['Request'];
export type RequestPage = components['schemas']['RequestPage'];
export type AuditEntry = components['schemas']['AuditEntry'];
export type Problem = components['schemas']['Problem'];

/** Exit codes scripts can branch on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, refused: 4, auth: 5 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** The API's problem+json, when the API refused. */
    readonly problem?: Problem,
  ) {
    super(message);
  }
}

export interface Connection {
  apiUrl: string;
  token: string;
}

/**
 * Where the API is and who we are: --api-url/--token flags, then BROKER_API_URL/BROKER_TOKEN, then the local
 * broker's `$BROKER_HOME/local.json` (with --as choosing one of its tokens: requester, requester2, approver,
 * approver2, admin).
 */
export function connection(options: { apiUrl?: string; token?: string; as?: string }): Connection {
  const local = readLocal();
  const apiUrl = options.apiUrl ?? process.env.BROKER_API_URL ?? local?.apiUrl;
  const role = options.as ?? 'requester';
  const token = options.token ?? process.env.BROKER_TOKEN ?? local?.tokens?.[role];
  if (!apiUrl || !token)
    throw new CliError(
      'no API to talk to: pass --api-url and --token, set BROKER_API_URL and BROKER_TOKEN, or start the local broker',
      EXIT.usage,
    );
  return { apiUrl: apiUrl.replace(/\/$/, ''), token };
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
  throw new CliError(
    `${response.status} ${problem?.detail ?? response.statusText}${details ? `\n${details}` : ''}`,
    code,
    problem,
  );
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'detail' in value;
}
