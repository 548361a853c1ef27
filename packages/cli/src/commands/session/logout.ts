import { apiUrlOf } from '../../api-client';
import { say } from '../../format';
import { forgetLogin, savedLogin } from '../../sign-in/saved-logins';
import type { Cli } from '../cli';

/** `broker logout`: forget the sign-in here, and end it at the identity provider. */
export function logoutCommand({ program, globals, out }: Cli) {
  program
    .command('logout')
    .description('forget the sign-in to this broker, and end it at the identity provider')
    .action(async () => {
      const apiUrl = apiUrlOf(globals());
      const login = savedLogin(apiUrl);
      if (!forgetLogin(apiUrl)) return out({ signedOut: false }, () => say(`not signed in to ${apiUrl}`));
      // The local copy is gone either way; ending the refresh token at the provider is best effort.
      const revoked = await import('../../sign-in/oidc-sign-in')
        .then(({ revokeLogin }) => revokeLogin(login!))
        .then(() => true)
        .catch(() => false);
      out({ signedOut: true, revoked }, () =>
        say(`signed out of ${apiUrl}${revoked ? '' : ' (the identity provider could not be told)'}`),
      );
    });
}
