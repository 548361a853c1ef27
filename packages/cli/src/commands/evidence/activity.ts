import { CliError, EXIT } from '../../cli-error';
import { safeJson, say } from '../../format';
import type { Cli } from '../cli';

/**
 * A CSV cell: quoted, and a leading = + - @ (a spreadsheet formula) defused with a quote, because session names
 * and user agents are the third party's to choose and auditors open these files in spreadsheets.
 */
export function csvCell(value: string | number | boolean | undefined): string {
  const text = String(value ?? '');
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** `broker activity <id>`: what the third party did with a grant, for people and spreadsheets. */
export function activityCommand({ program, api, globals }: Cli) {
  program
    .command('activity <id>')
    .description("every AWS call made with the grant's sessions: who, what, when, allowed or denied")
    .option('--csv', 'CSV for spreadsheets')
    .action(async (id: string, options: { csv?: boolean }) => {
      if (options.csv && globals().json) throw new CliError('choose --csv or --json', EXIT.usage);
      const { items, summary } = await api('requester', (client) =>
        client.GET('/v1/requests/{id}/activity', { params: { path: { id } } }),
      );
      if (globals().json) return console.log(safeJson({ items, summary }));
      if (options.csv) {
        console.log(
          ['at', 'account', 'session', 'source_ip', 'service', 'action', 'allowed', 'error_code'].join(','),
        );
        for (const item of items)
          console.log(
            [
              item.at,
              item.accountId,
              item.sessionName,
              item.sourceIp,
              item.service,
              item.action,
              item.allowed,
              item.errorCode,
            ]
              .map(csvCell)
              .join(','),
          );
        return;
      }
      for (const item of items)
        say(
          `${item.at}  ${item.allowed ? 'allowed' : 'DENIED '}  ${item.service.replace(/\.amazonaws\.com$/, '')}:${item.action}  ${item.sessionName} from ${item.sourceIp ?? '?'}${item.accountId ? ` in ${item.accountId}` : ''}${item.errorCode ? `  (${item.errorCode})` : ''}`,
        );
      say(
        `${summary.calls} calls, ${summary.denied} denied, services: ${summary.services.join(', ') || 'none'}`,
      );
    });
}
