import { printRequest } from '../../format';
import type { Cli } from '../cli';

/** `broker status <id>`: a request, and its grant while active. */
export function statusCommand({ program, api, out }: Cli) {
  program
    .command('status <id>')
    .description('show a request, and its grant while active')
    .action(async (id: string) => {
      const request = await api('requester', (client) =>
        client.GET('/v1/requests/{id}', { params: { path: { id } } }),
      );
      out(request, () => printRequest(request));
    });
}
