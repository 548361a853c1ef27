import createClient from 'openapi-fetch';
import { answer, apiClient, apiUrlOf, CliError, EXIT } from '../../api-client';
import { say } from '../../format';
import type { paths } from '@access-broker/api-types';
import { saveLogin } from '../../sign-in/saved-logins';
import type { Cli } from '../cli';

const tell = (line: string) => process.stderr.write(`${line}\n`);

/** `broker login`: a person signs in through the company's identity provider. */
export function loginCommand({ program, globals, out }: Cli) {
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
      const flows = await import('../../sign-in/oidc-sign-in');
      const device = options.device || (!options.browser && !flows.browserAvailable());
      const login = device
        ? await flows.deviceSignIn(settings.oidc, tell)
        : await flows.browserSignIn(settings.oidc, tell, { open: options.open });
      const conn = { apiUrl, token: login.token, source: 'login' };
      const me = await answer(conn, apiClient(conn).GET('/v1/me'));
      saveLogin(apiUrl, login);
      out(me, () => say(`signed in to ${apiUrl} as ${me.displayName ?? me.person ?? me.actor}`));
    });
}
