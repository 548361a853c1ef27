import type { Command } from 'commander';
import { answer, apiClient, connection } from '../api-client';
import { printVendor, safeJson } from '../format';

type Globals = { apiUrl?: string; token?: string; as?: string; json?: boolean };

const collect = (value: string, previous: string[]) => [...previous, value];

/** The vendor registry: list, show, and register (admins). */
export function registerVendorCommands(program: Command) {
  const globals = () => program.opts<Globals>();
  const client = async (defaultAs: string) => {
    const conn = await connection({ ...globals(), defaultAs });
    return { conn, api: apiClient(conn) };
  };
  const out = (value: unknown, human: () => void) =>
    globals().json ? console.log(safeJson(value)) : human();

  program
    .command('vendors')
    .description('the registered third parties')
    .action(async () => {
      const { conn, api } = await client('requester');
      const { items } = await answer(conn, api.GET('/v1/vendors'));
      out({ items }, () => items.forEach(printVendor));
    });

  program
    .command('vendor <id>')
    .description('one registered third party')
    .action(async (id: string) => {
      const { conn, api } = await client('requester');
      const vendor = await answer(conn, api.GET('/v1/vendors/{id}', { params: { path: { id } } }));
      out(vendor, () => printVendor(vendor));
    });

  program
    .command('register-vendor <id>')
    .description('register a third party, or replace its registration (admins)')
    .requiredOption('--name <name>', 'what people are shown')
    .requiredOption(
      '--principal <arn>',
      'an account id or IAM role/user ARN it may use (repeatable)',
      collect,
      [],
    )
    .option('--external-id <id>', 'the External ID the vendor assigned to this company (else one per grant)')
    .option('--webhook-url <url>', 'where hand-off notifications go (https)')
    .option('--rotate-webhook-secret', 'make a new webhook secret (the old one stops at once)')
    .action(async (id: string, options) => {
      const { conn, api } = await client('admin');
      const vendor = await answer(
        conn,
        api.PUT('/v1/vendors/{id}', {
          params: { path: { id } },
          body: {
            displayName: options.name,
            principals: options.principal,
            ...(options.externalId ? { externalId: options.externalId } : {}),
            ...(options.webhookUrl ? { webhook: { url: options.webhookUrl } } : {}),
            ...(options.rotateWebhookSecret ? { rotateWebhookSecret: true } : {}),
          },
        }),
      );
      out(vendor, () => printVendor(vendor));
    });
}
