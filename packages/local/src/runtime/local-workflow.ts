import './promise-polyfill';
import { randomUUID } from 'node:crypto';
import type { Workflow, WorkflowInput } from '@access-broker/core';
import { approvalWorkflowDefinition, type TaskHandler, type WorkflowTask } from '@access-broker/functions';
import { StateMachine } from 'aws-local-stepfunctions';
import { lambdaContext } from './lambda-context';

/**
 * The deployed ASL with one local adjustment. Step Functions resolves TimeoutSecondsPath against the state
 * input; aws-local-stepfunctions resolves it against the input after Parameters. The wait task's payload
 * carries the same value, so pointing the path there gives the local run the deployed timeout.
 */
function localDefinition(): Record<string, unknown> {
  const definition = structuredClone(approvalWorkflowDefinition) as {
    States: Record<string, Record<string, unknown>>;
  };
  definition.States.AwaitDecision!.TimeoutSecondsPath = '$.Payload.approvalTimeoutSeconds';
  return definition;
}

interface Waiting {
  executionId: string;
  resolve: (output: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/**
 * The deployed ASL, run in-process by aws-local-stepfunctions. Task states call the same handlers as the
 * Lambdas (wrapped in a lambda:invoke-shaped `{ Payload }`); `waitForTaskToken` is emulated: the wait
 * task's handler runs, then the state blocks until `resume`/`abort` is called with its token.
 */
export class LocalWorkflow implements Workflow {
  private readonly machine = new StateMachine(localDefinition() as never, {
    validationOptions: { checkArn: true, checkPaths: true },
  });
  private readonly running = new Map<string, { abort: () => void; done: Promise<unknown> }>();
  private readonly waiting = new Map<string, Waiting>();
  private tasks?: Record<WorkflowTask, TaskHandler>;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** State names entered per execution, kept for the benchmark (Step Functions bills per transition). */
  readonly transitions = new Map<string, number>();

  constructor(
    private readonly options: {
      retryIntervalMs?: number;
      onError?: (requestId: string, error: unknown) => void;
    } = {},
  ) {}

  bind(tasks: Record<WorkflowTask, TaskHandler>) {
    this.tasks = tasks;
  }

  async start(input: WorkflowInput): Promise<void> {
    const name = input.executionName ?? input.requestId;
    if (this.running.has(name)) return;
    const tasks = this.tasks;
    if (!tasks) throw new Error('LocalWorkflow.bind() must run before start()');
    const executionId = randomUUID();
    const token = `local-${executionId}`;
    const invoke = (task: WorkflowTask) => async (input: { Payload: unknown }) => ({
      Payload: await this.track(tasks[task](input.Payload, lambdaContext(task))),
    });
    const retry = this.options.retryIntervalMs;
    // Keyed by state name, as the library binds local handlers.
    const handlers = {
      Evaluate: invoke('Evaluate'),
      MarkApprovalExpired: invoke('ExpireApproval'),
      Provision: invoke('Provision'),
      CleanUp: invoke('FailProvisioning'),
      AwaitDecision: async (input: { Payload: unknown }) => {
        const decided = new Promise<Record<string, unknown>>((resolve, reject) =>
          this.waiting.set(token, { executionId, resolve, reject }),
        );
        await this.track(tasks.AwaitDecision(input.Payload, lambdaContext('AwaitDecision')));
        return decided;
      },
    };
    const execution = this.machine.run(input as never, {
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: executionId,
          Name: name,
          Input: input,
          StartTime: new Date().toISOString(),
        },
        Task: { Token: token },
      } as never,
      overrides: {
        taskResourceLocalHandlers: handlers as never,
        ...(retry !== undefined
          ? {
              retryIntervalOverrides: Object.fromEntries(
                Object.keys(handlers).map((state) => [state, retry]),
              ),
            }
          : {}),
      },
    });
    const done = (async () => {
      let count = 0;
      for await (const event of execution.eventLogs) if (event.type === 'StateEntered') count++;
      this.transitions.set(input.requestId, count);
    })();
    const finished = execution.result
      .catch((error: unknown) => this.options.onError?.(input.requestId, error))
      .finally(() => {
        this.running.delete(name);
        this.waiting.delete(token);
      });
    this.running.set(name, {
      abort: execution.abort,
      done: Promise.all([finished, done.catch(() => undefined)]),
    });
  }

  async resume(taskToken: string, output: Record<string, unknown>): Promise<void> {
    // A token whose wait already ended (timed out, aborted) is ignored, as SendTaskSuccess's TaskTimedOut is.
    this.waiting.get(taskToken)?.resolve(output);
    this.waiting.delete(taskToken);
  }

  async abort(taskToken: string, error: string, cause: string): Promise<void> {
    const failure = Object.assign(new Error(cause), { name: error });
    this.waiting.get(taskToken)?.reject(failure);
    this.waiting.delete(taskToken);
  }

  isRunning(requestId: string): boolean {
    return this.running.has(requestId);
  }

  /** Resolves once every execution started so far has finished (tests, benchmark). */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()].map((execution) => execution.done));
  }

  /**
   * Aborts every execution and waits for task handlers already running to finish, so none of them writes
   * to a store that is about to close (a Lambda would be frozen; an in-process handler keeps going).
   */
  async stop(): Promise<void> {
    for (const execution of this.running.values()) execution.abort();
    this.running.clear();
    this.waiting.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }
}
