import { fsyncSync, readFileSync, writeSync } from 'node:fs';
import * as z from 'zod';
import {
  type FaultPlan,
  type LocalAws,
  type LocalScheduler,
  type LocalStepFunctions,
  type LogFileSystem,
  seededRandom,
} from '@access-broker/local-aws';
import type { LocalLambda } from '../lambda/local-lambda';

const probability = z.number().min(0).max(1);

const iamRule = z
  .object({
    throttle: probability.optional(),
    limitExceeded: probability.optional(),
    serverError: probability.optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    script: z.array(z.enum(['ok', 'throttle', 'limit-exceeded', 'error-before', 'error-after'])).optional(),
  })
  .strict();

const lambdaFault = z
  .object({
    /** The chance that an invocation times out: before it runs, or mid-task (it ran; its answer is lost). */
    timeoutRate: probability.optional(),
    /** Exact outcomes for the next invocations, in order, before the rate applies. */
    script: z.array(z.enum(['ok', 'timeout-before', 'timeout-after'])).optional(),
  })
  .strict();

/**
 * Every fault the tests inject, in one setting. `npm start` reads it from BROKER_FAULTS (JSON, or `@file`);
 * with none set nothing is injected. Each part is documented in packages/local/README.md.
 */
const localFaultsSchema = z
  .object({
    seed: z.number().int().optional(),
    /** IAM and STS, by action (`*` for any): throttling, quota errors, 5xx before or after the effect, latency. */
    iam: z.record(z.string(), iamRule).optional(),
    /** IAM's eventual consistency: a new role is missing from reads and AssumeRole for this long. */
    iamReadLagMs: z.number().int().min(0).max(60_000).optional(),
    /** Lambda, by function name (`workflowAwaitDecision`) or `*`: invocations that time out. */
    lambda: z.record(z.string(), lambdaFault).optional(),
    /** Step Functions StartExecution: answers 500 before starting anything (scripted, then by rate). */
    startExecution: z
      .object({
        errorRate: probability.optional(),
        script: z.array(z.enum(['ok', 'error-before'])).optional(),
      })
      .strict()
      .optional(),
    /** EventBridge Scheduler: the share of one-time schedules that never fire (the sweeper must end those). */
    scheduler: z.object({ loseRate: probability }).strict().optional(),
    /** A function's clock this many ms off (negative: behind), by function name: clocks that disagree. */
    clockSkewMs: z.record(z.string(), z.number().int().min(-3_600_000).max(3_600_000)).optional(),
    /** Slack's chat.postMessage answers this many ms late: a decision can land while the question is posted. */
    slackLatencyMs: z.number().int().min(0).max(60_000).optional(),
    /** The disk fills up after the table and the executions have written this many more bytes (ENOSPC). */
    diskFullAfterBytes: z.number().int().min(0).optional(),
  })
  .strict();

export type LocalFaults = z.infer<typeof localFaultsSchema>;

/** BROKER_FAULTS as `npm start` reads it: JSON text, or `@path` to a JSON file; absent → no faults. */
export function faultsFromEnvironment(value = process.env.BROKER_FAULTS): LocalFaults | undefined {
  if (!value?.trim()) return undefined;
  const text = value.trim().startsWith('@') ? readFileSync(value.trim().slice(1), 'utf8') : value;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('BROKER_FAULTS is not JSON (or @file holding JSON)');
  }
  const parsed = localFaultsSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `BROKER_FAULTS: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}`,
    );
  return parsed.data;
}

type LambdaFaultOutcome = 'timeout-before' | 'timeout-after' | undefined;

/** Decides, invocation by invocation, which Lambda invocations time out. */
function lambdaFaults(faults: LocalFaults['lambda'], seed = 1) {
  const random = seededRandom(seed);
  const scripts = new Map(
    Object.entries(faults ?? {}).map(([name, fault]) => [name, [...(fault.script ?? [])]]),
  );
  return (functionName: string): LambdaFaultOutcome => {
    const fault = faults?.[functionName] ?? faults?.['*'];
    if (!fault) return undefined;
    const scripted = (scripts.get(functionName) ?? scripts.get('*'))?.shift();
    if (scripted) return scripted === 'ok' ? undefined : scripted;
    if (random() >= (fault.timeoutRate ?? 0)) return undefined;
    return random() < 0.5 ? 'timeout-before' : 'timeout-after';
  };
}

/**
 * Switches the faults on, each where it strikes: the local IAM/STS, IAM's propagation, the Lambda runtime
 * (timeouts, clocks), the Scheduler. `nameOf` turns a deployed function's ARN back into its catalog name.
 */
export function applyLocalFaults(
  faults: LocalFaults | undefined,
  targets: {
    aws: LocalAws;
    lambda: LocalLambda;
    scheduler: LocalScheduler;
    stepFunctions: LocalStepFunctions;
    nameOf: (arn: string) => string;
  },
) {
  if (!faults) return;
  const seed = faults.seed ?? 1;
  if (faults.iam) targets.aws.faults.configure({ seed, rules: faults.iam } as FaultPlan);
  targets.aws.state.readLagMs = faults.iamReadLagMs ?? 0;
  const timeouts = lambdaFaults(faults.lambda, seed);
  targets.lambda.injectTimeouts((definition) => timeouts(targets.nameOf(definition.arn)));
  const skew = faults.clockSkewMs ?? {};
  targets.lambda.injectClockSkew((definition) => skew[targets.nameOf(definition.arn)] ?? skew['*'] ?? 0);
  if (faults.scheduler) targets.scheduler.loseFirings(faults.scheduler.loseRate, seededRandom(seed + 1));
  if (faults.startExecution) {
    const script = [...(faults.startExecution.script ?? [])];
    const random = seededRandom(seed + 2);
    const rate = faults.startExecution.errorRate ?? 0;
    targets.stepFunctions.failStarts(() => {
      const scripted = script.shift();
      return scripted ? scripted === 'error-before' : random() < rate;
    });
  }
}

/** A disk with `bytes` of room left for the logs that share it, then ENOSPC (the room can be given back). */
export function fullingDisk(bytes: number): LogFileSystem & { room: number } {
  const disk = {
    room: bytes,
    writeSync(fd: number, data: Buffer, offset: number, length: number) {
      if (disk.room <= 0)
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const written = writeSync(fd, data, offset, Math.min(length, disk.room));
      disk.room -= written;
      return written;
    },
    fsyncSync,
  };
  return disk;
}

/** One line for the console: what is being injected. */
export function describeFaults(faults: LocalFaults | undefined): string | undefined {
  if (!faults) return undefined;
  const parts = [
    faults.iam && `IAM/STS ${Object.keys(faults.iam).join(', ')}`,
    faults.iamReadLagMs && `IAM read lag ${faults.iamReadLagMs} ms`,
    faults.lambda && `Lambda timeouts in ${Object.keys(faults.lambda).join(', ')}`,
    faults.scheduler && `${Math.round(faults.scheduler.loseRate * 100)}% of schedules lost`,
    faults.startExecution && 'StartExecution errors',
    faults.clockSkewMs && `clock skew in ${Object.keys(faults.clockSkewMs).join(', ')}`,
    faults.slackLatencyMs && `Slack posts ${faults.slackLatencyMs} ms late`,
    faults.diskFullAfterBytes !== undefined && `disk full after ${faults.diskFullAfterBytes} bytes`,
  ].filter(Boolean);
  return `fault injection on (BROKER_FAULTS): ${parts.join('; ')}`;
}
