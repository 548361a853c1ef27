import type { Cli } from './cli';
import { CliError, EXIT } from '../cli-error';
import { safeJson, say } from '../format';
import { consoleSignInUrl } from '../third-party/console-sign-in';
import { grantProfile } from '../third-party/grant-profile';

/** `broker console`: for the third party, with its own AWS credentials; it needs no broker token. */
export function consoleCommand({ program }: Cli) {
  program
    .command('console [id]')
    .description(
      'the third party: a sign-in URL to the AWS console for a grant, from its profile access-broker-<id> (or --role-arn)',
    )
    .option('--role-arn <arn>', "the grant's role (instead of the profile)")
    .option('--external-id <id>', 'the External ID (with --role-arn)')
    .option('--region <region>', "the console's region (default: the profile's)")
    .option('--minutes <n>', 'console session length, 15 to 60', '60')
    .action(async (id: string | undefined, options) => {
      const profile = id ? grantProfile(`access-broker-${id}`) : undefined;
      if (id && !profile && !options.roleArn)
        throw new CliError(
          `no profile access-broker-${id} in the AWS config: add the one the broker handed over, or pass --role-arn`,
          EXIT.usage,
        );
      const roleArn = options.roleArn ?? profile?.roleArn;
      if (!roleArn)
        throw new CliError('name the grant: an id with its AWS profile, or --role-arn', EXIT.usage);
      const region = options.region ?? profile?.region ?? process.env.AWS_REGION ?? 'us-east-1';
      const minutes = Number(options.minutes);
      if (!(minutes >= 15 && minutes <= 60))
        throw new CliError(
          '--minutes must be 15 to 60 (a role session lasts at most one hour here)',
          EXIT.usage,
        );
      const externalId = options.externalId ?? profile?.externalId;
      const signIn = await consoleSignInUrl(
        {
          roleArn,
          region,
          ...(externalId ? { externalId } : {}),
          ...(profile?.sourceProfile ? { sourceProfile: profile.sourceProfile } : {}),
        },
        { sessionName: `console-${id ?? 'grant'}`.slice(0, 64), minutes },
      ).catch((error: Error) => {
        throw new CliError(`cannot open the console: ${error.message}`, EXIT.refused);
      });
      if (program.opts().json) console.log(safeJson({ url: signIn.url, expiresAt: signIn.expiresAt }));
      else {
        say(
          `Console for ${roleArn} until ${signIn.expiresAt.toISOString()} (the link works once, within 15 minutes):`,
        );
        console.log(signIn.url);
      }
    });
}
