import { say } from '../../format';
import type { Cli } from '../cli';

/** `broker revoke <id>`: end a grant now, or cancel a request that has none yet. */
export function revokeCommand({ program, api, out }: Cli) {
  program
    .command('revoke <id>')
    .description('end a grant now (or cancel a request that has none yet)')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, options: { reason: string }) => {
      const request = await api('approver', (client) =>
        client.POST('/v1/requests/{id}/revoke', {
          params: { path: { id } },
          body: { reason: options.reason },
        }),
      );
      out(request, () => say(`${request.id} ${request.status}`));
    });
}
