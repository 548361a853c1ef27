import { printVendor, say } from '../../format';
import type { Cli } from '../cli';

/**
 * `broker vendors`, `broker vendor <id>`, and the kill switch: `broker vendor suspend <id>` ends everything the
 * vendor holds and refuses it anything new until `broker vendor resume <id>`.
 */
export function vendorsCommands({ program, api, out }: Cli) {
  program
    .command('vendors')
    .description('the registered third parties')
    .action(async () => {
      const { items } = await api('requester', (client) => client.GET('/v1/vendors'));
      out({ items }, () => (items.length === 0 ? say('no vendors registered') : items.forEach(printVendor)));
    });
  const vendor = program.command('vendor').description('one registered third party; suspend or resume it');
  vendor
    .command('show <id>', { isDefault: true })
    .description('one registered third party (the default: `broker vendor <id>`)')
    .action(async (id: string) => {
      const found = await api('requester', (client) =>
        client.GET('/v1/vendors/{id}', { params: { path: { id } } }),
      );
      out(found, () => printVendor(found));
    });
  vendor
    .command('suspend <id>')
    .description(
      "the kill switch: cancel the vendor's requests, revoke its grants, refuse it new ones (admins)",
    )
    .option('--comment <text>', 'why (kept in the audit trail and the event)')
    .action(async (id: string, options: { comment?: string }) => {
      const result = await api('admin', (client) =>
        client.POST('/v1/vendors/{id}/suspend', {
          params: { path: { id } },
          body: options.comment ? { comment: options.comment } : {},
        }),
      );
      out(result, () => {
        say(`${id} suspended; ${result.ended.length} request(s) and grant(s) ended`);
        for (const grant of result.ended)
          say(`  ${grant.id}  ${grant.status}  account ${grant.targetAccountId}`);
        for (const id of result.failed)
          say(`  ${id}  teardown failed here: its sessions are denied and the sweeper retries`);
      });
    });
  vendor
    .command('resume <id>')
    .description('lift a suspension: the vendor may be granted access again (admins)')
    .option('--comment <text>', 'why')
    .action(async (id: string, options: { comment?: string }) => {
      const resumed = await api('admin', (client) =>
        client.POST('/v1/vendors/{id}/resume', {
          params: { path: { id } },
          body: options.comment ? { comment: options.comment } : {},
        }),
      );
      out(resumed, () => printVendor(resumed));
    });
}
