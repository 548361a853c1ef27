import { Command, Option } from 'commander';
import { CliError, EXIT } from './api-client';
import { registerRequestCommands } from './commands/request-commands';

const program = new Command('broker')
  .description('Time-boxed, approved AWS access for third parties: the access-broker command line.')
  .addOption(
    new Option('--api-url <url>', 'the broker API (default: BROKER_API_URL, then .broker/local.json)'),
  )
  .addOption(new Option('--token <token>', 'bearer token (default: BROKER_TOKEN, then .broker/local.json)'))
  .addOption(
    new Option('--as <identity>', 'which local token to use').choices([
      'requester',
      'requester2',
      'approver',
      'approver2',
      'admin',
    ]),
  )
  .option('--json', 'machine-readable output')
  .showHelpAfterError();

registerRequestCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(`broker: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`broker: ${(error as Error).message}\n`);
  process.exit(EXIT.failed);
}
