import { say } from '../../format';
import type { Cli } from '../cli';

/** `broker approve <id>` and `broker deny <id>`: an approver's decision on a request or an extension. */
export function decideCommands({ program, api, out }: Cli) {
  for (const decision of ['approve', 'deny'] as const)
    program
      .command(`${decision} <id>`)
      .description(`${decision} a pending request or extension (approvers)`)
      .option('--comment <text>', 'why')
      .action(async (id: string, options: { comment?: string }) => {
        const request = await api('approver', (client) =>
          client.POST('/v1/requests/{id}/decision', {
            params: { path: { id } },
            body: { decision, ...(options.comment ? { comment: options.comment } : {}) },
          }),
        );
        out(request, () => say(`${request.id} ${request.status}`));
      });
}
