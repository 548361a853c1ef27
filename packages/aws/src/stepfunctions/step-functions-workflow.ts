import {
  ExecutionAlreadyExists,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { Workflow, WorkflowInput } from '@access-broker/core';

/**
 * The approval workflow on Step Functions. Executions are named after the request, so starting twice is
 * harmless; a token whose task already timed out or ended is not an error either: the workflow has moved on
 * (its timeout branch re-reads the request) and the decision is already stored.
 */
export class StepFunctionsWorkflow implements Workflow {
  constructor(
    private readonly sfn: SFNClient,
    /** Absent where a function only resumes or aborts executions. */
    private readonly stateMachineArn?: string,
  ) {}

  async start(input: WorkflowInput): Promise<void> {
    if (!this.stateMachineArn)
      throw new Error('this function may not start workflows (no state machine ARN)');
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: input.executionName ?? input.requestId,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      // Same name and same input is accepted by Step Functions itself; a different input means a re-drive.
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }

  async resume(taskToken: string, output: Record<string, unknown>): Promise<void> {
    await ignoreFinishedTask(
      this.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })),
    );
  }

  async abort(taskToken: string, error: string, cause: string): Promise<void> {
    await ignoreFinishedTask(this.sfn.send(new SendTaskFailureCommand({ taskToken, error, cause })));
  }
}

async function ignoreFinishedTask(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TaskTimedOut || error instanceof TaskDoesNotExist)) throw error;
  }
}
