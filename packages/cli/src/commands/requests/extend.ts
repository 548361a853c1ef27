import { say } from '../../format';
import type { Cli } from '../cli';

/** `broker extend <id>`: more time on an active grant, approved like a request. */
export function extendCommand({ program, api, out }: Cli) {
  program
    .command('extend <id>')
    .description('ask for more time on an active grant (approved like a request)')
    .requiredOption('--duration <iso>', 'how much more, e.g. PT1H')
    .requiredOption('--justification <text>', 'why')
    .action(async (id: string, options: { duration: string; justification: string }) => {
      const request = await api('requester', (client) =>
        client.POST('/v1/requests/{id}/extend', {
          params: { path: { id } },
          body: { duration: options.duration, justification: options.justification },
        }),
      );
      out(request, () =>
        say(`${request.id} ${request.status}, extension of ${request.extension?.duration} pending approval`),
      );
    });
}
