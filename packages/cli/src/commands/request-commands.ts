import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { call, CliError, connection, EXIT } from '../api-client';
import type { AuditEntryView, RequestSummary, RequestView } from '../api-types';
import { printAudit, printList, printRequest } from '../format';

type Globals = { apiUrl?: string; token?: string; as?: string; json?: boolean };
const TERMINAL_REFUSALS = ['DENIED', 'APPROVAL_EXPIRED', 'CANCELLED', 'FAILED', 'REVOKED'];

const collect = (value: string, previous: string[]) => [...previous, value];

/** Every request-facing command; approvals default to the local approver token when --as is not given. */
export function registerRequestCommands(program: Command) {
  const globals = () => program.opts<Globals>();
  const conn = (defaultAs = 'requester') => connection({ ...globals(), as: globals().as ?? defaultAs });
  const out = (value: unknown, human: () => void) =>
    globals().json ? console.log(JSON.stringify(value, null, 2)) : human();

  program
    .command('request')
    .description('ask for access for a third party')
    .requiredOption('--principal <arn>', 'the third party: 12-digit account id or IAM role/user ARN')
    .option('--profile <name>', 'a configured least-privilege profile')
    .option('--param <key=value>', 'a profile parameter (repeatable)', collect, [])
    .option('--policy-file <file>', 'a custom IAM policy document instead of a profile')
    .requiredOption('--duration <iso>', 'ISO-8601 duration, e.g. PT2H')
    .requiredOption('--justification <text>', 'why')
    .requiredOption('--requester <id>', 'who asks')
    .option('--slack-user <id>', "the requester's Slack user id")
    .option('--ticket <system:key[:url]>', 'link back to the ticket, e.g. jira:SEC-123')
    .option('--external-id <id>', "the third party's own External ID (else one is generated)")
    .option('--target-account <id>', 'account to create the role in')
    .option('--start-at <iso>', 'when the access window opens')
    .option('--idempotency-key <key>', 'retry-safe key, e.g. the ticket key')
    .option('--wait', 'wait until the grant is active (or refused) and print it')
    .action(async (options) => {
      const c = conn();
      const [system, key, ...url] = options.ticket?.split(':') ?? [];
      const body = {
        principal: options.principal,
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
          id: options.requester,
          ...(options.slackUser ? { slackUserId: options.slackUser } : {}),
        },
        ...(system && key ? { ticket: { system, key, ...(url.length ? { url: url.join(':') } : {}) } } : {}),
        ...(options.externalId ? { externalId: options.externalId } : {}),
        ...(options.targetAccount ? { targetAccountId: options.targetAccount } : {}),
        ...(options.startAt ? { startAt: options.startAt } : {}),
      };
      const created = await call<RequestView>(
        c,
        'POST',
        '/v1/requests',
        body,
        options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {},
      );
      if (!options.wait) return out(created, () => console.log(`${created.id} ${created.status}`));
      const final = await waitForOutcome(c, created.id, globals().json ?? false);
      out(final, () => printRequest(final));
      if (final.status !== 'ACTIVE')
        throw new CliError(`request ${final.id} ended ${final.status}`, EXIT.refused);
    });

  program
    .command('status <id>')
    .description('show a request, and its grant while active')
    .action(async (id) => {
      const request = await call<RequestView>(conn(), 'GET', `/v1/requests/${id}`);
      out(request, () => printRequest(request));
    });

  program
    .command('list')
    .description('list requests, newest first')
    .option('--status <status>', 'only this status')
    .option('--limit <n>', 'page size', '25')
    .option('--cursor <cursor>', 'the next page')
    .action(async (options) => {
      const query = new URLSearchParams({
        limit: options.limit,
        ...(options.status ? { status: options.status } : {}),
        ...(options.cursor ? { cursor: options.cursor } : {}),
      });
      const page = await call<{ items: RequestSummary[]; cursor?: string }>(
        conn(),
        'GET',
        `/v1/requests?${query}`,
      );
      out(page, () => printList(page));
    });

  for (const decision of ['approve', 'deny'] as const) {
    program
      .command(`${decision} <id>`)
      .description(`${decision} a pending request or extension (approvers)`)
      .option('--comment <text>', 'why')
      .action(async (id, options) => {
        const request = await call<RequestView>(conn('approver'), 'POST', `/v1/requests/${id}/decision`, {
          decision,
          ...(options.comment ? { comment: options.comment } : {}),
        });
        out(request, () => console.log(`${request.id} ${request.status}`));
      });
  }

  program
    .command('revoke <id>')
    .description('end a grant now (or cancel a request that has none yet)')
    .requiredOption('--reason <text>', 'why')
    .action(async (id, options) => {
      const request = await call<RequestView>(conn('approver'), 'POST', `/v1/requests/${id}/revoke`, {
        reason: options.reason,
      });
      out(request, () => console.log(`${request.id} ${request.status}`));
    });

  program
    .command('extend <id>')
    .description('ask for more time on an active grant (approved like a request)')
    .requiredOption('--duration <iso>', 'how much more, e.g. PT1H')
    .requiredOption('--justification <text>', 'why')
    .action(async (id, options) => {
      const request = await call<RequestView>(conn(), 'POST', `/v1/requests/${id}/extend`, {
        duration: options.duration,
        justification: options.justification,
      });
      out(request, () =>
        console.log(
          `${request.id} ${request.status}, extension of ${request.extension?.duration} pending approval`,
        ),
      );
    });

  program
    .command('audit <id>')
    .description('the append-only trail: who did what, when')
    .action(async (id) => {
      const trail = await call<{ items: AuditEntryView[] }>(conn(), 'GET', `/v1/requests/${id}/audit`);
      out(trail, () => printAudit(trail.items));
    });

  program
    .command('aws-profile <id>')
    .description('print the ~/.aws/config profile the third party pastes')
    .option('--source-profile <name>', "the third party's own credentials profile", 'default')
    .action(async (id, options) => {
      const request = await call<RequestView>(conn(), 'GET', `/v1/requests/${id}`);
      if (!request.grant)
        throw new CliError(`request ${id} is ${request.status}: no active grant`, EXIT.refused);
      const profile = request.grant.awsCliProfile.replace(
        /^source_profile = .*$/m,
        `source_profile = ${options.sourceProfile}`,
      );
      out({ profile }, () => process.stdout.write(profile));
    });
}

async function waitForOutcome(c: ReturnType<typeof connection>, id: string, quiet: boolean) {
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  for (let tick = 0; ; tick++) {
    const request = await call<RequestView>(c, 'GET', `/v1/requests/${id}`);
    const usable =
      request.status === 'ACTIVE' &&
      (!request.grant?.usableFrom || Date.parse(request.grant.usableFrom) <= Date.now());
    if (usable || TERMINAL_REFUSALS.includes(request.status)) {
      if (!quiet && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      return request;
    }
    if (!quiet) {
      const line = `${frames[tick % frames.length]} ${id} ${request.status === 'ACTIVE' ? 'ACTIVE, waiting for IAM to propagate' : request.status}`;
      process.stderr.write(process.stderr.isTTY ? `\r\x1b[K${line}` : tick % 10 === 0 ? `${line}\n` : '');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
