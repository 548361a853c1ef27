import type { Cli } from './cli';
import { CliError, EXIT } from '../cli-error';
import { safeJson, say } from '../format';
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
      const asked = Number(options.minutes);
      if (!(asked >= 15 && asked <= 60))
        throw new CliError(
          '--minutes must be 15 to 60 (a role session lasts at most one hour here)',
          EXIT.usage,
        );
      const endsAt = profile?.endsAt ? new Date(profile.endsAt) : undefined;
      const minutes = sessionMinutes(asked, endsAt);
      const externalId = options.externalId ?? profile?.externalId;
      // The AWS SDK is loaded by this command alone: every other command starts without it.
      const { consoleSignInUrl } = await import('../third-party/console-sign-in');
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
      printSignIn(roleArn, signIn, endsAt, program.opts().json === true);
    });
}

/** No longer than the grant has left; AWS's floor is 15 minutes, past which the role itself denies. */
function sessionMinutes(asked: number, endsAt: Date | undefined): number {
  if (!endsAt) return asked;
  if (endsAt.getTime() <= Date.now())
    throw new CliError(`the grant ended at ${endsAt.toISOString()}`, EXIT.refused);
  return Math.min(asked, Math.max(15, Math.floor((endsAt.getTime() - Date.now()) / 60_000)));
}

/**
 * What the person is told never outlasts the grant: the console session may, by AWS's 15-minute floor, but
 * every action in it is denied from the grant's end.
 */
function printSignIn(
  roleArn: string,
  signIn: { url: string; expiresAt: Date },
  endsAt: Date | undefined,
  json: boolean,
) {
  const outlasts = endsAt !== undefined && endsAt < signIn.expiresAt;
  const until = outlasts ? endsAt : signIn.expiresAt;
  if (json) {
    console.log(
      safeJson({
        url: signIn.url,
        expiresAt: until,
        ...(outlasts ? { consoleSessionEndsAt: signIn.expiresAt } : {}),
      }),
    );
    return;
  }
  say(
    `Console for ${roleArn} until ${until.toISOString()} (the link works once, within 15 minutes):`,
    ...(outlasts
      ? [
          `  the grant ends then: AWS keeps a console session at least 15 minutes (to ${signIn.expiresAt.toISOString()}), but the role denies every action from ${until.toISOString()}`,
        ]
      : []),
  );
  console.log(signIn.url);
}
