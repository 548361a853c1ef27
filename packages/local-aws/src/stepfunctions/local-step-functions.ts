import './promise-polyfill';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';
import { AppendLog } from '../storage/append-log';
import type { AwsAuthority } from '../iam/aws-authority';
import { AwsJsonError, type JsonBody } from '../protocol/json-protocol';
import type { LocalService, ServiceCall } from '../protocol/local-service';

type Definition = { States: Record<string, JsonBody> };

interface Waiting {
  resolve: (output: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

interface Persisted {
  running: Record<string, string>;
  closed: Record<string, string>;
}
/** A line of the executions log: one started (with its input), or one closed. */
type ExecutionLogEntry = { name: string; input: string; closed?: true } | { name: string; closed: true };

export interface LocalStepFunctionsOptions {
  stateMachineArn: string;
  /** The deployed definition with its substitutions applied (task functions named by their ARNs). */
  definition: Record<string, unknown>;
  /** Invokes a Lambda function by ARN, as the state machine's `lambda:invoke` integration does. */
  invoke: (functionArn: string, payload: unknown) => Promise<unknown>;
  /** The executions log (append-log.ts). */
  file: string;
  /** Where an earlier version kept them as one JSON document, imported once. */
  legacyFile?: string;
  /** Tests: every Task retry interval, and every fixed Wait, this long instead. */
  retryIntervalMs?: number;
  onError?: (execution: string, error: unknown) => void;
}

/**
 * Step Functions for exactly the calls the broker makes: StartExecution, SendTaskSuccess, SendTaskFailure,
 * each authorized against the caller's policies. Executions run the deployed ASL in aws-local-stepfunctions;
 * Task states invoke the function their `FunctionName` names. Running executions are persisted and, after a
 * restart, run again from the start (every task is idempotent), where AWS would have carried them on.
 */
export class LocalStepFunctions implements LocalService {
  readonly contentType = 'application/x-amz-json-1.0';
  private readonly machine: StateMachine;
  private readonly running = new Map<string, { abort: () => void; done: Promise<unknown> }>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly persisted: Persisted = { running: {}, closed: {} };
  private readonly log: AppendLog<ExecutionLogEntry>;
  private stopping = false;
  private failStart: () => boolean = () => false;
  /** States entered per execution, kept for the benchmark (Step Functions bills per transition). */
  readonly transitions = new Map<string, number>();

  constructor(
    private readonly authority: AwsAuthority,
    private readonly options: LocalStepFunctionsOptions,
  ) {
    this.machine = new StateMachine(localDefinition(options.definition) as never, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
    const { legacyFile } = options;
    const importing = legacyFile !== undefined && !existsSync(options.file) && existsSync(legacyFile);
    if (importing) Object.assign(this.persisted, JSON.parse(readFileSync(legacyFile, 'utf8')) as Persisted);
    const { running, closed } = this.persisted;
    this.log = AppendLog.open<ExecutionLogEntry>(
      options.file,
      (entry) => {
        if ('input' in entry) (entry.closed ? closed : running)[entry.name] = entry.input;
        else if (running[entry.name] !== undefined) {
          closed[entry.name] = running[entry.name]!;
          delete running[entry.name];
        }
      },
      function* () {
        for (const [name, input] of Object.entries(closed)) yield { name, input, closed: true };
        for (const [name, input] of Object.entries(running)) yield { name, input };
      },
    );
    if (importing) rmSync(legacyFile);
  }

  /** Fault injection: which StartExecution calls answer 500 without starting anything. */
  failStarts(decide: () => boolean) {
    this.failStart = decide;
  }

  /** Runs again what was running when the runtime last stopped. */
  resumeInterrupted() {
    for (const [name, input] of Object.entries(this.persisted.running)) this.run(name, input);
  }

  async handle({ operation, body, caller }: ServiceCall) {
    const action = `states:${operation}`;
    // A straggler after stop: its log is closed, and nothing it starts would run.
    if (this.stopping) throw new AwsJsonError(503, 'ServiceUnavailable', 'local Step Functions is stopping');
    if (operation === 'StartExecution') {
      await this.authority.authorize(caller, { action, resource: String(body.stateMachineArn) });
      if (body.stateMachineArn !== this.options.stateMachineArn)
        throw new AwsJsonError(
          400,
          'StateMachineDoesNotExist',
          `State Machine Does Not Exist: '${body.stateMachineArn}'`,
        );
      if (this.failStart())
        throw new AwsJsonError(500, 'InternalServerError', 'injected: nothing was started');
      const started = this.start(String(body.name), String(body.input ?? '{}'));
      // Acknowledged once on disk: a started execution survives a kill -9.
      await this.log.durable();
      return { body: started };
    }
    if (operation === 'SendTaskSuccess' || operation === 'SendTaskFailure') {
      // These actions take no resource (IAM: wildcard only); the task token is the capability.
      await this.authority.authorize(caller, { action, resource: '*' });
      const waiting = this.waiting.get(String(body.taskToken));
      if (!waiting) throw new AwsJsonError(400, 'TaskDoesNotExist', 'Task Token does not exist');
      this.waiting.delete(String(body.taskToken));
      if (operation === 'SendTaskSuccess') waiting.resolve(JSON.parse(String(body.output ?? '{}')));
      else
        waiting.reject(
          Object.assign(new Error(String(body.cause ?? '')), { name: String(body.error ?? '') }),
        );
      return { body: {} };
    }
    throw new AwsJsonError(400, 'UnknownOperationException', operation);
  }

  /** Resolves once every execution started so far has finished (tests, benchmark). */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()].map((execution) => execution.done));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const done = [...this.running.values()].map((execution) => execution.done);
    for (const execution of this.running.values()) execution.abort();
    this.waiting.clear();
    await Promise.allSettled(done);
    this.log.close();
  }

  private start(name: string, input: string) {
    const executionArn = this.authority.arn(
      'states',
      `execution:${this.options.stateMachineArn.split(':').pop()}:${name}`,
    );
    const known = this.persisted.running[name] ?? this.persisted.closed[name];
    // Step Functions: the same name and input is the same execution; another input under that name is refused.
    if (known !== undefined && known !== input)
      throw new AwsJsonError(400, 'ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    if (known === undefined) this.run(name, input);
    return { executionArn, startDate: Date.now() / 1000 };
  }

  private run(name: string, input: string) {
    if (this.running.has(name)) return;
    const token = randomBytes(48).toString('base64url');
    const retry = this.options.retryIntervalMs;
    const handlers = Object.fromEntries(
      Object.entries((this.options.definition as Definition).States)
        .filter(([, state]) => state.Type === 'Task')
        .map(([stateName, state]) => [stateName, this.taskHandler(state, token)]),
    );
    const execution = this.machine.run(JSON.parse(input) as never, {
      noThrowOnAbort: true,
      context: {
        Execution: { Id: name, Name: name, Input: JSON.parse(input), StartTime: new Date().toISOString() },
        Task: { Token: token },
      } as never,
      overrides: {
        taskResourceLocalHandlers: handlers as never,
        ...(retry !== undefined
          ? {
              retryIntervalOverrides: Object.fromEntries(
                Object.keys(handlers).map((state) => [state, retry]),
              ),
              // Waits of a fixed length (asking again after a failed wait step), not those for a timestamp.
              waitTimeOverrides: Object.fromEntries(
                Object.entries((this.options.definition as Definition).States)
                  .filter(([, state]) => state.Type === 'Wait' && state.Seconds !== undefined)
                  .map(([stateName]) => [stateName, retry]),
              ),
            }
          : {}),
      },
    });
    if (this.persisted.running[name] === undefined) this.log.append({ name, input });
    this.persisted.running[name] = input;
    const counted = (async () => {
      let count = 0;
      for await (const event of execution.eventLogs) if (event.type === 'StateEntered') count++;
      this.transitions.set(name, count);
    })();
    const finished = execution.result
      .catch((error: unknown) => this.options.onError?.(name, error))
      .finally(() => {
        this.running.delete(name);
        this.waiting.delete(token);
        // Stopped, not finished: it stays running on disk, to run again at the next start.
        if (this.stopping) return;
        delete this.persisted.running[name];
        this.persisted.closed[name] = input;
        this.log.append({ name, closed: true });
      });
    this.running.set(name, {
      abort: execution.abort,
      done: Promise.all([finished, counted.catch(() => undefined)]),
    });
  }

  /** `lambda:invoke` (and its `.waitForTaskToken` form, which then waits for SendTask*). */
  private taskHandler(state: JsonBody, token: string) {
    const functionArn = String(state.Parameters?.FunctionName);
    const waits = String(state.Resource).endsWith('.waitForTaskToken');
    return async (input: { Payload: unknown }) => {
      if (!waits) return { Payload: await this.options.invoke(functionArn, input.Payload) };
      const decided = new Promise<Record<string, unknown>>((resolve, reject) =>
        this.waiting.set(token, { resolve, reject }),
      );
      await this.options.invoke(functionArn, input.Payload);
      return decided;
    };
  }
}

/**
 * One local adjustment. Step Functions resolves TimeoutSecondsPath against the state input;
 * aws-local-stepfunctions resolves it against the input after Parameters. The wait task's payload carries
 * the same value, so pointing the path there gives the local run the deployed timeout.
 */
function localDefinition(definition: Record<string, unknown>) {
  const copy = structuredClone(definition) as Definition;
  for (const state of Object.values(copy.States))
    if (state.TimeoutSecondsPath) state.TimeoutSecondsPath = '$.Payload.approvalTimeoutSeconds';
  return copy;
}
