import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface LambdaDefinition {
  name: string;
  arn: string;
  bundle: string;
  /** The bundle's export, `handler` in `…/index.handler`. */
  handlerExport: string;
  /** Everything the function sees in process.env: the stack's variables plus what Lambda itself sets. */
  environment: Record<string, string>;
  timeoutMs: number;
  /** Where the function's stdout and stderr go (CloudWatch Logs, in AWS). */
  log?: NodeJS.WritableStream;
}

/** An invocation that failed in the function, shaped as Lambda reports it (`errorType`, `errorMessage`). */
class LambdaFunctionError extends Error {
  constructor(
    readonly functionName: string,
    errorType: string,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

interface WorkerMessage {
  id?: string;
  ready?: boolean;
  result?: unknown;
  error?: { errorType: string; errorMessage: string };
  initError?: { errorType: string; errorMessage: string };
}

interface Instance {
  worker: Worker;
  ready: Promise<void>;
  pending: Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}

/**
 * Lambda, locally: each function runs its own bundle in its own worker thread (its own module instance,
 * environment and credentials), started on its first invocation like a cold start. A function whose
 * init throws fails that invocation, and the next invocation starts it again, as Lambda does.
 */
export class LocalLambda {
  private readonly functions = new Map<string, LambdaDefinition>();
  private readonly instances = new Map<string, Instance>();
  /** Cold starts per function (tests and the benchmark read them). */
  readonly coldStarts = new Map<string, number>();
  /** Invocations per function (the benchmark counts them per grant). */
  readonly invocations = new Map<string, number>();
  /** Wall time spent in each function's invocations: what Lambda bills (GB-s), waits for AWS included. */
  readonly busyMs = new Map<string, number>();
  /** The first invocation of each function, start to answer: worker start, module init and its first request. */
  readonly coldPathMs = new Map<string, number>();
  private readonly failed = new Map<string, string[]>();
  private timeouts: (definition: LambdaDefinition) => 'timeout-before' | 'timeout-after' | undefined = () =>
    undefined;

  private clockSkew: (definition: LambdaDefinition) => number = () => 0;

  /** Fault injection: how far off each function's clock is (set before its first invocation). */
  injectClockSkew(skew: (definition: LambdaDefinition) => number) {
    this.clockSkew = skew;
  }

  /** Fault injection: which invocations time out, before they run or mid-task (they ran, the answer is lost). */
  injectTimeouts(decide: (definition: LambdaDefinition) => 'timeout-before' | 'timeout-after' | undefined) {
    this.timeouts = decide;
  }

  /** Every deployed function's name. */
  deployed(): string[] {
    return [...new Set([...this.functions.values()].map((definition) => definition.name))];
  }

  /** The error types of every failed invocation (init included), by function name. */
  failures(): Record<string, string[]> {
    return Object.fromEntries(this.failed);
  }

  deploy(definition: LambdaDefinition) {
    this.functions.set(definition.name, definition);
    this.functions.set(definition.arn, definition);
  }

  definition(nameOrArn: string): LambdaDefinition {
    const definition = this.functions.get(nameOrArn);
    if (!definition)
      throw new LambdaFunctionError(
        nameOrArn,
        'ResourceNotFoundException',
        `Function not found: ${nameOrArn}`,
      );
    return definition;
  }

  async invoke<T = unknown>(nameOrArn: string, event: unknown): Promise<T> {
    const definition = this.definition(nameOrArn);
    this.invocations.set(definition.name, (this.invocations.get(definition.name) ?? 0) + 1);
    const started = performance.now();
    const cold = !this.instances.has(definition.name);
    try {
      const timeout = this.timeouts(definition);
      const timedOut = () =>
        new LambdaFunctionError(
          definition.name,
          'Sandbox.Timedout',
          `Task timed out after ${(definition.timeoutMs / 1000).toFixed(2)} seconds`,
        );
      if (timeout === 'timeout-before') throw timedOut();
      const result = await this.run<T>(definition, event);
      if (timeout === 'timeout-after') throw timedOut();
      return result;
    } catch (error) {
      const errors = this.failed.get(definition.name) ?? [];
      errors.push(error instanceof Error ? error.name : 'Error');
      this.failed.set(definition.name, errors);
      throw error;
    } finally {
      const busy = performance.now() - started;
      this.busyMs.set(definition.name, (this.busyMs.get(definition.name) ?? 0) + busy);
      if (cold && !this.coldPathMs.has(definition.name)) this.coldPathMs.set(definition.name, busy);
    }
  }

  private async run<T>(definition: LambdaDefinition, event: unknown): Promise<T> {
    const instance = this.instances.get(definition.name) ?? this.start(definition);
    await instance.ready;
    const id = randomUUID();
    return new Promise<T>((resolve, reject) => {
      instance.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      instance.worker.postMessage({
        id,
        event,
        context: {
          callbackWaitsForEmptyEventLoop: false,
          functionName: definition.name,
          functionVersion: '$LATEST',
          invokedFunctionArn: definition.arn,
          memoryLimitInMB: definition.environment.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '512',
          awsRequestId: id,
          logGroupName: `/aws/lambda/${definition.name}`,
          logStreamName: 'local',
          timeoutMs: definition.timeoutMs,
        },
      });
    });
  }

  /** Invocations started and not yet answered, across every function. */
  inFlight(): number {
    return [...this.instances.values()].reduce((sum, instance) => sum + instance.pending.size, 0);
  }

  /** How long each running function's thread has been busy, in ms (its event loop's active time). */
  threadBusyMs(): Map<string, number> {
    return new Map(
      [...this.instances].map(([name, { worker }]) => [
        name,
        worker.performance.eventLoopUtilization().active,
      ]),
    );
  }

  async stop() {
    await Promise.all([...this.instances.values()].map((instance) => instance.worker.terminate()));
    this.instances.clear();
  }

  private start(definition: LambdaDefinition): Instance {
    this.coldStarts.set(definition.name, (this.coldStarts.get(definition.name) ?? 0) + 1);
    const worker = new Worker(new URL('./lambda-worker.mjs', import.meta.url), {
      env: definition.environment,
      workerData: {
        bundle: definition.bundle,
        handlerExport: definition.handlerExport,
        clockSkewMs: this.clockSkew(definition),
      },
      stdout: Boolean(definition.log),
      stderr: Boolean(definition.log),
    });
    if (definition.log) {
      worker.stdout.pipe(definition.log, { end: false });
      worker.stderr.pipe(definition.log, { end: false });
    }
    const pending: Instance['pending'] = new Map();
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.ready) return resolve();
        if (message.initError) {
          this.instances.delete(definition.name);
          void worker.terminate();
          return reject(
            new LambdaFunctionError(
              definition.name,
              message.initError.errorType,
              message.initError.errorMessage,
            ),
          );
        }
        const call = pending.get(message.id ?? '');
        pending.delete(message.id ?? '');
        if (!call) return;
        if (message.error)
          call.reject(
            new LambdaFunctionError(definition.name, message.error.errorType, message.error.errorMessage),
          );
        else call.resolve(message.result);
      });
      worker.on('error', (error) => {
        this.instances.delete(definition.name);
        reject(error);
        for (const call of pending.values())
          call.reject(new LambdaFunctionError(definition.name, 'Runtime.ExitError', String(error)));
      });
    });
    ready.catch(() => undefined);
    worker.unref();
    const instance = { worker, ready, pending };
    this.instances.set(definition.name, instance);
    return instance;
  }
}
