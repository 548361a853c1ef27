import { CliError, EXIT, type RequestView } from './api-client';

const ENDED = ['DENIED', 'APPROVAL_EXPIRED', 'CANCELLED', 'FAILED', 'REVOKED', 'REVOKE_FAILED'];
const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 15_000;

/**
 * Polls a request until its grant is usable or it ended without one. Polls back off from 0.5 s to 15 s
 * (a ten-minute approval costs about 45 reads, not 1,200), and give up after `timeoutMs` with exit code 1
 * and the request left as it is.
 */
export async function waitForOutcome(
  read: (signal: AbortSignal) => Promise<RequestView>,
  options: { id: string; quiet: boolean; timeoutMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<RequestView> {
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + options.timeoutMs;
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let delay = FIRST_POLL_MS;
  for (let tick = 0; ; tick++) {
    const request = await read(AbortSignal.timeout(30_000));
    const usable =
      request.status === 'ACTIVE' &&
      (!request.grant?.usableFrom || Date.parse(request.grant.usableFrom) <= Date.now());
    if (usable || ENDED.includes(request.status)) {
      if (!options.quiet && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      return request;
    }
    if (!options.quiet) {
      const what = request.status === 'ACTIVE' ? 'ACTIVE, waiting for IAM to propagate' : request.status;
      const line = `${frames[tick % frames.length]} ${options.id} ${what}`;
      process.stderr.write(process.stderr.isTTY ? `\r\x1b[K${line}` : tick % 10 === 0 ? `${line}\n` : '');
    }
    const left = deadline - Date.now();
    if (left <= 0)
      throw new CliError(
        `gave up waiting: ${options.id} is still ${request.status} (see \`broker status ${options.id}\`)`,
        EXIT.failed,
      );
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 1.5, MAX_POLL_MS);
  }
}
