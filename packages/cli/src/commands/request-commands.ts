import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { answer, apiClient, CliError, connection, EXIT, type RequestView } from '../api-client';
import { printAudit, printList, printProfiles, printRequest, safeJson, say } from '../format';
import { waitForOutcome } from '../wait-for-outcome';

type Globals = { apiUrl?: string; token?: string; as?: string; json?: boolean };

const collect = (value: string, previous: string[]) => [...previous, value];

/** Every request-facing command; approvals default to the local approver token when --as is not given. */
export function registerRequestCommands(program: Command) {
  const globals = () => program.opts<Globals>();
  const conn = (defaultAs = 'requester') => connection({ ...globals(), defaultAs });
  /** The typed client for one call, and what it answered. */
  const api = async <T>(
    defaultAs: string,
    call: (
      client: ReturnType<typeof apiClient>,
    ) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ) => {
    const c = await conn(defaultAs);
    return answer(c, call(apiClient(c)));
  };
  /** The person the token belongs to: a person files for themself. */
  const signedInPerson = async () => {
    const me = await api('requester', (client) => client.GET('/v1/me'));
    if (!me.person)
      throw new CliError(`--requester is required: ${me.actor} is a machine, not a person`, EXIT.usage);
    return me.person;
  };
  const out = (value: unknown, human: () => void) =>
    globals().json ? console.log(safeJson(value)) : human();

  program
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
    .option('--target-account <id>', 'account to create the role in')
    .option('--start-at <iso>', 'when the access window opens')
    .option('--idempotency-key <key>', 'retry-safe key, e.g. the ticket key')
    .option('--wait', 'wait until the grant is active (or refused) and print it')
    .option('--timeout <minutes>', 'with --wait: give up after this many minutes', '60')
    .action(async (options) => {
      const timeoutMinutes = Number(options.timeout);
      if (!(timeoutMinutes > 0))
        throw new CliError('--timeout must be a positive number of minutes', EXIT.usage);
      const [system, key, ...url] = options.ticket?.split(':') ?? [];
      if (!options.principal && !options.vendor)
        throw new CliError('name the third party: --principal or --vendor', EXIT.usage);
      const body = {
        ...(options.principal ? { principal: options.principal } : {}),
        ...(options.vendor ? { vendor: options.vendor } : {}),
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.param.length
          ? {
              parameters: Object.fromEntries(
                options.param.map((pair: string) => pair.split(/=(.*)/s).slice(0, 2)),
              ),
            }
          : {}),
        ...(options.policyFile ? { policy: JSON.parse(readFileSync(options.policyFile, 'utf8')) } : {}),
        duration: options.duration,
        justification: options.justification,
        requester: {
          id: options.requester ?? (await signedInPerson()),
          ...(options.slackUser ? { slackUserId: options.slackUser } : {}),
        },
        ...(system && key ? { ticket: { system, key, ...(url.length ? { url: url.join(':') } : {}) } } : {}),
        ...(options.externalId ? { externalId: options.externalId } : {}),
        ...(options.targetAccount ? { targetAccountId: options.targetAccount } : {}),
        ...(options.startAt ? { startAt: options.startAt } : {}),
      };
      const created = await api('requester', (client) =>
        client.POST('/v1/requests', {
          body,
          params: {
            header: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
          },
        }),
      );
      if (!options.wait) return out(created, () => say(`${created.id} ${created.status}`));
      const final = await waitForOutcome(
        (signal) =>
          api('requester', (client) =>
            client.GET('/v1/requests/{id}', { params: { path: { id: created.id } }, signal }),
          ),
        { id: created.id, quiet: globals().json ?? false, timeoutMs: timeoutMinutes * 60_000 },
      );
      out(final, () => printRequest(final));
      if (final.status !== 'ACTIVE')
        throw new CliError(`request ${final.id} ended ${final.status}`, EXIT.refused);
    });

  program
    .command('profiles')
    .description('what can be asked for: each profile, what it grants, its parameters and who approves it')
    .action(async () => {
      const profiles = await api('requester', (client) => client.GET('/v1/profiles'));
      out(profiles, () => printProfiles(profiles));
    });

  program
    .command('status <id>')
    .description('show a request, and its grant while active')
    .action(async (id) => {
      const request = await api('requester', (client) =>
        client.GET('/v1/requests/{id}', { params: { path: { id } } }),
      );
      out(request, () => printRequest(request));
    });

  program
    .command('list')
    .description('list requests, newest first')
    .option('--status <status>', 'only this status')
    .option('--limit <n>', 'page size (1–100)', '25')
    .option('--cursor <cursor>', 'the next page')
    .action(async (options) => {
      const query = {
        limit: Number(options.limit),
        ...(options.status ? { status: options.status as RequestView['status'] } : {}),
        ...(options.cursor ? { cursor: options.cursor as string } : {}),
      };
      const page = await api('requester', (client) => client.GET('/v1/requests', { params: { query } }));
      out(page, () => printList(page, { status: options.status, limit: options.limit }));
    });

  for (const decision of ['approve', 'deny'] as const) {
    program
      .command(`${decision} <id>`)
      .description(`${decision} a pending request or extension (approvers)`)
      .option('--comment <text>', 'why')
      .action(async (id, options) => {
        const request = await api('approver', (client) =>
          client.POST('/v1/requests/{id}/decision', {
            params: { path: { id } },
            body: { decision, ...(options.comment ? { comment: options.comment } : {}) },
          }),
        );
        out(request, () => say(`${request.id} ${request.status}`));
      });
  }

  program
    .command('revoke <id>')
    .description('end a grant now (or cancel a request that has none yet)')
    .requiredOption('--reason <text>', 'why')
    .action(async (id, options) => {
      const request = await api('approver', (client) =>
        client.POST('/v1/requests/{id}/revoke', {
          params: { path: { id } },
          body: { reason: options.reason },
        }),
      );
      out(request, () => say(`${request.id} ${request.status}`));
    });

  program
    .command('extend <id>')
    .description('ask for more time on an active grant (approved like a request)')
    .requiredOption('--duration <iso>', 'how much more, e.g. PT1H')
    .requiredOption('--justification <text>', 'why')
    .action(async (id, options) => {
      const request = await api('requester', (client) =>
        client.POST('/v1/requests/{id}/extend', {
          params: { path: { id } },
          body: { duration: options.duration, justification: options.justification },
        }),
      );
      out(request, () =>
        say(`${request.id} ${request.status}, extension of ${request.extension?.duration} pending approval`),
      );
    });

  program
    .command('audit <id>')
    .description('the append-only trail: who did what, when')
    .action(async (id) => {
      const trail = await api('requester', (client) =>
        client.GET('/v1/requests/{id}/audit', { params: { path: { id } } }),
      );
      out(trail, () => printAudit(trail.items));
    });

  program
    .command('aws-profile <id>')
    .description('print the ~/.aws/config profile the third party pastes')
    .option('--source-profile <name>', "the third party's own credentials profile", 'default')
    .action(async (id, options) => {
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
