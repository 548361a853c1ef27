import { printProfiles } from '../../format';
import type { Cli } from '../cli';

/** `broker profiles`: what can be asked for. */
export function profilesCommand({ program, api, out }: Cli) {
  program
    .command('profiles')
    .description('what can be asked for: each profile, what it grants, its parameters and who approves it')
    .action(async () => {
      const profiles = await api('requester', (client) => client.GET('/v1/profiles'));
      out(profiles, () => printProfiles(profiles));
    });
}
