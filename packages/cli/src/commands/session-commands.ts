import type { Command } from 'commander';
import createClient from 'openapi-fetch';
import { answer, apiClient, apiUrlOf, CliError, connection, EXIT } from '../api-client';
import { safeJson, say } from '../format';
import type { paths } from '../generated/broker-api';
import { forgetLogin, saveLogin, savedLogin } from '../sign-in/saved-logins';

type Globals = { apiUrl?: string; token?: string; as?: string; json?: boolean };

/** login, logout, whoami: people sign in through the company's identity provider. */
export function registerSessionCommands(program: Command) {
  const globals = () => program.opts<Globals>();
  const tell = (line: string) => process.stderr.write(`${line}\n`);

  program
    .command('login')
    .description("sign in through the company's identity provider (device code, or the browser with PKCE)")
    .option('--device', 'use the device flow: open the printed URL on any browser, on any machine')
    .option('--browser', "sign in with this machine's browser (the default where one is available)")
    .option('--no-open', 'with --browser: print the URL instead of opening a browser')
    .action(async (options: { device?: boolean; browser?: boolean; open: boolean }) => {
      if (options.device && options.browser) throw new CliError('choose --device or --browser', EXIT.usage);
      const apiUrl = apiUrlOf(globals());
      const settings = await answer(
        { apiUrl, token: '', source: '' },
        createClient<paths>({ baseUrl: apiUrl }).GET('/v1/sign-in'),
      );
      if (!settings.oidc)
        throw new CliError(`${apiUrl} takes static tokens only: it has no identity provider`, EXIT.usage);
      const flows = await import('../sign-in/oidc-sign-in');
      const device = options.device || (!options.browser && !flows.browserAvailable());
      const login = device
        ? await flows.deviceSignIn(settings.oidc, tell)
        : await flows.browserSignIn(settings.oidc, tell, { open: options.open });
      const me = await answer(
        { apiUrl, token: login.token, source: 'login' },
        apiClient({ apiUrl, token: login.token, source: 'login' }).GET('/v1/me'),
      );
      saveLogin(apiUrl, login);
      out(me, () => say(`signed in to ${apiUrl} as ${me.displayName ?? me.person ?? me.actor}`));
    });

  program
    .command('logout')
    .description('forget the sign-in to this broker, and end it at the identity provider')
    .action(async () => {
      const apiUrl = apiUrlOf(globals());
      const login = savedLogin(apiUrl);
      if (!forgetLogin(apiUrl)) return out({ signedOut: false }, () => say(`not signed in to ${apiUrl}`));
      // The local copy is gone either way; ending the refresh token at the provider is best effort.
      const revoked = await import('../sign-in/oidc-sign-in')
        .then(({ revokeLogin }) => revokeLogin(login!))
        .then(() => true)
        .catch(() => false);
      out({ signedOut: true, revoked }, () =>
        say(`signed out of ${apiUrl}${revoked ? '' : ' (the identity provider could not be told)'}`),
      );
    });

  program
    .command('whoami')
    .description('who the broker takes you for: person or machine, scopes, approver groups')
    .action(async () => {
      const conn = await connection({ ...globals() });
      const me = await answer(conn, apiClient(conn).GET('/v1/me'));
      out({ ...me, tokenFrom: conn.source }, () => {
        say(
          `${me.kind} ${me.person ?? me.actor}${me.displayName ? ` (${me.displayName})` : ''} at ${conn.apiUrl}`,
        );
        say(`  token from     ${conn.source}`);
        say(`  scopes         ${me.scopes.join(', ') || 'none'}`);
        if (me.idpGroups) say(`  IdP groups     ${me.idpGroups.join(', ') || 'none'}`);
        say(`  approves for   ${me.approverGroups.join(', ') || 'no approver group'}`);
      });
    });

  function out(value: unknown, human: () => void) {
    if (globals().json) console.log(safeJson(value));
    else human();
  }
}
