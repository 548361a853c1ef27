import { readFileSync } from 'node:fs';
import { printVendor } from '../../format';
import { type Cli, collect } from '../cli';

type PublicJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string };

interface RegisterOptions {
  name: string;
  principal: string[];
  accessKey?: boolean;
  publicKeyFile?: string;
  externalId?: string;
  webhookUrl?: string;
  rotateWebhookSecret?: boolean;
}

/** `broker register-vendor <id>`: register a third party, or replace its registration (admins). */
export function registerVendorCommand({ program, api, out }: Cli) {
  program
    .command('register-vendor <id>')
    .description('register a third party, or replace its registration (admins)')
    .requiredOption('--name <name>', 'what people are shown')
    .option('--principal <arn>', 'an account id or IAM role/user ARN it may use (repeatable)', collect, [])
    .option(
      '--access-key',
      'the vendor cannot assume a role: it gets an access key per grant (no --principal)',
    )
    .option('--public-key-file <jwk.json>', "with --access-key: the vendor's EC P-256 public key (JWK)")
    .option('--external-id <id>', 'the External ID the vendor assigned to this company (else one per grant)')
    .option('--webhook-url <url>', 'where hand-off notifications go (https)')
    .option('--rotate-webhook-secret', 'make a new webhook secret (the old one stops at once)')
    .action(async (id: string, options: RegisterOptions) => {
      const body = {
        displayName: options.name,
        principals: options.principal,
        ...(options.accessKey ? { credentials: 'access-key' as const } : {}),
        ...(options.publicKeyFile
          ? { publicKey: JSON.parse(readFileSync(options.publicKeyFile, 'utf8')) as PublicJwk }
          : {}),
        ...(options.externalId ? { externalId: options.externalId } : {}),
        ...(options.webhookUrl ? { webhook: { url: options.webhookUrl } } : {}),
        ...(options.rotateWebhookSecret ? { rotateWebhookSecret: true } : {}),
      };
      const vendor = await api('admin', (client) =>
        client.PUT('/v1/vendors/{id}', { params: { path: { id } }, body }),
      );
      out(vendor, () => printVendor(vendor));
    });
}
