import { CliError, EXIT } from '../cli-error';
import { type SavedLogin, saveLogin, savedLogin } from './saved-logins';

/** Refresh this long before expiry, so a token does not expire between here and the broker. */
const MARGIN_SECONDS = 60;

/**
 * The person's login for this API, refreshed silently when it is about to expire; undefined when they never
 * signed in. A login that can no longer be refreshed is an error that says what to do.
 */
export async function activeLogin(apiUrl: string): Promise<SavedLogin | undefined> {
  const login = savedLogin(apiUrl);
  if (!login) return undefined;
  if (login.expiresAt - MARGIN_SECONDS > Date.now() / 1000) return login;
  try {
    // openid-client is loaded only when a token needs refreshing.
    const { refreshLogin } = await import('./oidc-sign-in');
    const fresh = await refreshLogin(login);
    saveLogin(apiUrl, fresh);
    return fresh;
  } catch (error) {
    throw new CliError(
      `your sign-in to ${apiUrl} has expired (${(error as Error).message}): run broker login`,
      EXIT.auth,
    );
  }
}
