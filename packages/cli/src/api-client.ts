import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Exit codes scripts can branch on. */
export const EXIT = { ok: 0, usage: 2, notFound: 3, refused: 4, auth: 5, failed: 1 } as const;

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

/** One API call; a problem+json answer becomes a CliError with its detail and a matching exit code. */
export async function call<T>(
  conn: Connection,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${conn.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${conn.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new CliError(`cannot reach ${conn.apiUrl}: ${(error as Error).message}`, EXIT.failed);
  }
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (response.ok) return parsed as T;
  const problem = parsed as { detail?: string; errors?: { field: string; reason: string }[] } | undefined;
  const details = problem?.errors?.map((error) => `  ${error.field}: ${error.reason}`).join('\n');
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
  );
}
