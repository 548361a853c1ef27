import { spawn } from 'node:child_process';
import { inject } from 'vitest';

export interface CliRun {
  /** Resolves with what the command printed once it exits. */
  done: Promise<{ code: number; stdout: string; stderr: string }>;
  /** Resolves with the first match of `pattern` in what the command prints on stderr so far. */
  stderrMatch(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** Starts the real `broker` command (packed and installed: test/setup/packed-cli.ts) as a person would run it. */
export function startCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(inject('installedCli').bin, args, { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  const waiting: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    for (const wait of [...waiting]) {
      const match = stderr.match(wait.pattern);
      if (match) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(match);
      }
    }
  });
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })),
  );
  return {
    done,
    stderrMatch: (pattern) =>
      new Promise((resolve, reject) => {
        const match = stderr.match(pattern);
        if (match) return resolve(match);
        waiting.push({ pattern, resolve });
        void done.then(() => reject(new Error(`the command ended without printing ${pattern}:\n${stderr}`)));
      }),
  };
}

/** Runs the real `broker` command to its end. */
export const runCli = (args: string[], env: Record<string, string>) => startCli(args, env).done;

/**
 * `broker request` for the audit grant: the third party by principal, or by vendor; `--requester` only when
 * given (a signed-in person files for themself).
 */
export const auditRequestArgs = (requester?: string, thirdParty: { vendor?: string } = {}) => [
  'request',
  ...(thirdParty.vendor
    ? ['--vendor', thirdParty.vendor]
    : ['--principal', 'arn:aws:iam::111122223333:role/ThirdPartyAuditor']),
  '--profile',
  's3-audit-read',
  '--param',
  'bucket=awsproduction345',
  '--duration',
  'PT1M',
  '--justification',
  'Annual audit',
  ...(requester ? ['--requester', requester] : []),
];
