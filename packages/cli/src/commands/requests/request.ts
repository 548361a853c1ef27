import { readFileSync } from 'node:fs';
import { CliError, EXIT, type RequestView } from '../../api-client';
import { printRequest, say, shown } from '../../format';
import { waitForOutcome } from '../../wait-for-outcome';
import { type Cli, collect } from '../cli';

interface RequestOptions {
  principal?: string;
  vendor?: string;
  profile?: string;
  param: string[];
  policyFile?: string;
  duration: string;
  justification: string;
  requester?: string;
  slackUser?: string;
  ticket?: string;
  externalId?: string;
  targetAccount: string[];
  startAt?: string;
  idempotencyKey?: string;
  wait?: boolean;
  timeout: string;
}

/** `broker request`: ask for access for a third party, and with --wait see it through to ACTIVE. */
export function requestCommand(cli: Cli) {
  cli.program
    .command('request')
    .description('ask for access for a third party')
    .option('--principal <arn>', 'the third party: 12-digit account id or IAM role/user ARN')
    .option(
      '--vendor <id>',
      'a registered vendor: its principal (or --principal, one of its) and its External ID',
    )
    .option('--profile <name>', 'a configured least-privilege profile')
    .option('--param <key=value>', 'a profile parameter (repeatable)', collect, [])
    .option('--policy-file <file>', 'a custom IAM policy document instead of a profile')
    .requiredOption('--duration <iso>', 'ISO-8601 duration, e.g. PT2H')
    .requiredOption('--justification <text>', 'why')
    .option('--requester <id>', 'who asks (default: you, when you are signed in as a person)')
    .option('--slack-user <id>', "the requester's Slack user id")
    .option('--ticket <system:key[:url]>', 'link back to the ticket, e.g. jira:SEC-123')
    .option('--external-id <id>', "the third party's own External ID (else one is generated)")
    .option(
      '--target-account <id>',
      'account to create the role in; repeat it for an organization-wide grant (one role in each)',
      collect,
      [],
    )
    .option('--start-at <iso>', 'when the access window opens')
    .option('--idempotency-key <key>', 'retry-safe key, e.g. the ticket key')
    .option('--wait', 'wait until the grant is active (or refused) and print it')
    .option('--timeout <minutes>', 'with --wait: give up after this many minutes', '60')
    .usageRule((options) => [
      ...(options.principal || options.vendor ? [] : ['name the third party: --principal or --vendor']),
      ...(Number(options.timeout) > 0 ? [] : ['--timeout must be a positive number of minutes']),
    ])
    .action(async (options: RequestOptions) => {
      const timeoutMinutes = Number(options.timeout);
      const body = { ...requestBody(options), requester: await requesterOf(cli, options) };
      const header = options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {};
      const created = await cli.api('requester', (client) =>
        client.POST('/v1/requests', { body, params: { header } }),
      );
      if (!options.wait) return cli.out(created, () => printCreated(created));
      const final = await waitForOutcome(
        (signal) =>
          cli.api('requester', (client) =>
            client.GET('/v1/requests/{id}', { params: { path: { id: created.id } }, signal }),
          ),
        { id: created.id, quiet: cli.globals().json ?? false, timeoutMs: timeoutMinutes * 60_000 },
      );
      cli.out(final, () => printRequest(final));
      if (final.status !== 'ACTIVE')
        throw new CliError(`request ${final.id} ended ${final.status}`, EXIT.refused);
    });
}

/** The id and status (what scripts read, on stdout), then what to do next (for people, on stderr). */
function printCreated(created: Pick<RequestView, 'id' | 'status'>) {
  say(`${created.id} ${created.status}`);
  const next =
    created.status === 'PENDING_APPROVAL'
      ? [
          `  waiting for approval: broker status ${created.id}  (or ask again with --wait to follow it)`,
          `  approvers decide in Slack or with: broker approve ${created.id}`,
        ]
      : [
          `  see the grant: broker status ${created.id}   the vendor's profile: broker aws-profile ${created.id}`,
        ];
  console.error(next.map(shown).join('\n'));
}

/** The request body from the options, as the API takes it (the requester aside). */
function requestBody(options: RequestOptions) {
  const [system, key, ...url] = options.ticket?.split(':') ?? [];
  const parameters = Object.fromEntries(options.param.map((pair) => pair.split(/=(.*)/s).slice(0, 2)));
  return {
    ...(options.principal ? { principal: options.principal } : {}),
    ...(options.vendor ? { vendor: options.vendor } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.param.length ? { parameters } : {}),
    ...(options.policyFile ? { policy: JSON.parse(readFileSync(options.policyFile, 'utf8')) } : {}),
    duration: options.duration,
    justification: options.justification,
    ...(system && key ? { ticket: { system, key, ...(url.length ? { url: url.join(':') } : {}) } } : {}),
    ...(options.externalId ? { externalId: options.externalId } : {}),
    ...(options.targetAccount.length === 1 ? { targetAccountId: options.targetAccount[0] } : {}),
    ...(options.targetAccount.length > 1 ? { targetAccountIds: options.targetAccount } : {}),
    ...(options.startAt ? { startAt: options.startAt } : {}),
  };
}

async function requesterOf(cli: Cli, options: RequestOptions) {
  return {
    id: options.requester ?? (await cli.signedInPerson()),
    ...(options.slackUser ? { slackUserId: options.slackUser } : {}),
  };
}
