import { printAudit } from '../../format';
import type { Cli } from '../cli';

/** `broker audit <id>`: the append-only trail. */
export function auditCommand({ program, api, out }: Cli) {
  program
    .command('audit <id>')
    .description('the append-only trail: who did what, when')
    .action(async (id: string) => {
      const trail = await api('requester', (client) =>
        client.GET('/v1/requests/{id}/audit', { params: { path: { id } } }),
      );
      out(trail, () => printAudit(trail.items));
    });
}
