import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { type WorkflowCallbacks } from '@access-broker/core';

/**
 * Resumes the approval workflow waiting on a task token. A token whose task already timed out or ended is
 * not an error here: the workflow has moved on (its timeout branch re-reads the request), and the decision
 * is already stored.
 */
export class StepFunctionsCallbacks implements WorkflowCallbacks {
  constructor(private readonly sfn: SFNClient) {}

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
