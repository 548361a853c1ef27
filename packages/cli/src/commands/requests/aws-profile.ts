import { CliError, EXIT } from '../../api-client';
import type { Cli } from '../cli';

/** `broker aws-profile <id>`: the ~/.aws/config profile the third party pastes. */
export function awsProfileCommand({ program, api, out }: Cli) {
  program
    .command('aws-profile <id>')
    .description('print the ~/.aws/config profile the third party pastes')
    .option('--source-profile <name>', "the third party's own credentials profile", 'default')
    .action(async (id: string, options: { sourceProfile: string }) => {
      const request = await api('requester', (client) =>
        client.GET('/v1/requests/{id}', { params: { path: { id } } }),
      );
      if (!request.grant)
        throw new CliError(`request ${id} is ${request.status}: no active grant`, EXIT.refused);
      if (!request.grant.awsCliProfile)
        throw new CliError(`this token may not see the credentials of ${id}`, EXIT.refused);
      const profile = request.grant.awsCliProfile.replace(
        /^source_profile = .*$/m,
        `source_profile = ${options.sourceProfile}`,
      );
      out({ profile }, () => process.stdout.write(profile));
    });
}
