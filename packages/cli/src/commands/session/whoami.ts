import { answer, apiClient } from '../../api-client';
import { say } from '../../format';
import type { Cli } from '../cli';

/** `broker whoami`: who the broker takes you for. */
export function whoamiCommand({ program, connect, out }: Cli) {
  program
    .command('whoami')
    .description('who the broker takes you for: person or machine, scopes, approver groups')
    .action(async () => {
      const conn = await connect();
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
}
