import { printVendor } from '../../format';
import type { Cli } from '../cli';

/** `broker vendors` and `broker vendor <id>`: the registered third parties. */
export function vendorsCommands({ program, api, out }: Cli) {
  program
    .command('vendors')
    .description('the registered third parties')
    .action(async () => {
      const { items } = await api('requester', (client) => client.GET('/v1/vendors'));
      out({ items }, () => items.forEach(printVendor));
    });
  program
    .command('vendor <id>')
    .description('one registered third party')
    .action(async (id: string) => {
      const vendor = await api('requester', (client) =>
        client.GET('/v1/vendors/{id}', { params: { path: { id } } }),
      );
      out(vendor, () => printVendor(vendor));
    });
}
