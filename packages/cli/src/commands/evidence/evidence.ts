import { safeJson } from '../../format';
import type { Cli } from '../cli';

/** `broker evidence <id>`: the whole evidence of a grant, for auditors. */
export function evidenceCommand({ program, api }: Cli) {
  program
    .command('evidence <id>')
    .description(
      'the whole evidence of a grant as one JSON document: request, approvals, policies, trail, activity',
    )
    .action(async (id: string) => {
      const evidence = await api('requester', (client) =>
        client.GET('/v1/requests/{id}/evidence', { params: { path: { id } } }),
      );
      console.log(safeJson(evidence));
    });
}
