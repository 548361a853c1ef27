import { say } from '../../format';
import type { Cli } from '../cli';

/** `broker external-access`: the roles outsiders may assume, in every account the broker reaches (admins). */
export function externalAccessCommand({ program, api, out }: Cli) {
  program
    .command('external-access')
    .description(
      "roles that principals outside the broker's accounts may assume; the broker's own marked (admins)",
    )
    .option('--not-ours', 'only the roles the broker did not make')
    .action(async (options: { notOurs?: boolean }) => {
      const { accounts } = await api('admin', (client) => client.GET('/v1/external-access'));
      const shown = accounts.map((account) => ({
        ...account,
        roles: account.roles.filter((role) => !options.notOurs || !role.madeByBroker),
      }));
      out({ accounts: shown }, () => {
        for (const account of shown) {
          say(
            `account ${account.accountId}${account.error ? `  (could not be read: ${account.error})` : ''}`,
          );
          if (account.roles.length === 0 && !account.error) say('  no role an outsider may assume');
          for (const role of account.roles) {
            const made = role.madeByBroker ? `broker grant ${role.requestId}` : 'NOT MADE BY THE BROKER';
            say(`  ${role.roleArn}  ${made}`);
            for (const principal of role.principals)
              say(
                `    trusts ${principal.principal}  ${principal.externalIdRequired ? 'External ID required' : 'NO External ID'}`,
              );
            say(`    last used ${role.lastUsedAt ?? 'never'}`);
          }
        }
      });
    });
}
