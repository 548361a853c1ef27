import type { RequestView } from '../../api-client';
import { printList } from '../../format';
import type { Cli } from '../cli';

/** `broker list`: requests, newest first, a page at a time. */
export function listCommand({ program, api, out }: Cli) {
  program
    .command('list')
    .description('list requests, newest first')
    .option('--status <status>', 'only this status')
    .option('--limit <n>', 'page size (1–100)', '25')
    .option('--cursor <cursor>', 'the next page')
    .action(async (options: { status?: string; limit: string; cursor?: string }) => {
      const query = {
        limit: Number(options.limit),
        ...(options.status ? { status: options.status as RequestView['status'] } : {}),
        ...(options.cursor ? { cursor: options.cursor } : {}),
      };
      const page = await api('requester', (client) => client.GET('/v1/requests', { params: { query } }));
      out(page, () => printList(page, { status: options.status, limit: options.limit }));
    });
}
