import { CommanderError, Option } from 'commander';
import { BrokerCommand, helpMarkingRequired } from './broker-command';
import { CliError, EXIT } from './api-client';
import { cliOf, COMMANDS } from './commands';
import { safeJson, shown } from './format';
import { VERSION } from './version';

const program = new BrokerCommand('broker')
  .description('Time-boxed, approved AWS access for third parties: the access-broker command line.')
  .version(VERSION, '-V, --version')
  .addOption(
    new Option('--api-url <url>', 'the broker API (default: BROKER_API_URL, then .broker/local.json)'),
  )
  .addOption(
    new Option(
      '--token <token>',
      'bearer token (default: BROKER_TOKEN, then broker login, then .broker/local.json)',
    ),
  )
  .addOption(
    new Option('--as <identity>', 'which local token to use').choices([
      'requester',
      'requester2',
      'approver',
      'approver2',
      'admin',
    ]),
  )
  .option('--json', 'machine-readable output, errors included (on stderr)')
  .configureHelp(helpMarkingRequired)
  // A usage error says what is wrong (and suggests the command meant), then where help is: not all of it.
  .showHelpAfterError("(add --help for how to use it; 'broker --help' lists every command)")
  // Commander reports usage errors itself; we only choose the exit code (2, as for any usage error).
  .exitOverride();
const cli = cliOf(program);
for (const add of COMMANDS) add(cli);
for (const command of program.commands) command.exitOverride();

// No top-level await: the bundle is CommonJS, which Node loads faster than an ES module.
program.parseAsync(process.argv).catch((error: unknown) => process.exit(report(error)));

/** Prints an error once, as text or (with --json) as JSON, and returns the exit code. */
function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and --version end here too, successfully.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const exitCode = error instanceof CliError ? error.exitCode : EXIT.failed;
  const message = (error as Error).message;
  if (program.opts().json) {
    const problem = error instanceof CliError ? error.problem : undefined;
    process.stderr.write(
      `${safeJson({ error: { message, exitCode, ...(problem ? { problem } : {}) } }, 0)}\n`,
    );
  } else {
    process.stderr.write(
      `${message
        .split('\n')
        .map((line, i) => (i === 0 ? `broker: ${shown(line)}` : shown(line)))
        .join('\n')}\n`,
    );
  }
  return exitCode;
}
