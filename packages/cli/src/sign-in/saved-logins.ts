import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** One person's sign-in to one broker: what the identity provider issued, and how to refresh it. */
export interface SavedLogin {
  issuer: string;
  clientId: string;
  audience: string;
  tokenUse: 'access' | 'id';
  /** The bearer token sent to the broker (the access token or the ID token, as the broker asks). */
  token: string;
  /** Epoch seconds after which `token` is refused. */
  expiresAt: number;
  refreshToken?: string;
}

/**
 * Logins live in the user's config directory ($BROKER_CONFIG_DIR, else $XDG_CONFIG_HOME/access-broker, else
 * ~/.config/access-broker), keyed by API URL, readable by the user only (directory 700, file 600).
 */
function configDirectory(): string {
  return (
    process.env.BROKER_CONFIG_DIR ??
    join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'access-broker')
  );
}

const loginsFile = () => join(configDirectory(), 'logins.json');

function readAll(): Record<string, SavedLogin> {
  try {
    return JSON.parse(readFileSync(loginsFile(), 'utf8')) as Record<string, SavedLogin>;
  } catch {
    return {};
  }
}

function writeAll(logins: Record<string, SavedLogin>) {
  mkdirSync(configDirectory(), { recursive: true, mode: 0o700 });
  chmodSync(configDirectory(), 0o700);
  writeFileSync(loginsFile(), `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of a file that already existed.
  chmodSync(loginsFile(), 0o600);
}

export const savedLogin = (apiUrl: string): SavedLogin | undefined => readAll()[apiUrl];

export function saveLogin(apiUrl: string, login: SavedLogin) {
  writeAll({ ...readAll(), [apiUrl]: login });
}

/** Forgets the login for one broker; the file goes when no login is left. */
export function forgetLogin(apiUrl: string): boolean {
  const { [apiUrl]: gone, ...rest } = readAll();
  if (!gone) return false;
  if (Object.keys(rest).length === 0) rmSync(loginsFile(), { force: true });
  else writeAll(rest);
  return true;
}
