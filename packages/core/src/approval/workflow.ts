/** What the approval workflow receives at start (versioned, so running executions survive upgrades). */
export interface WorkflowInput {
  schemaVersion: 1;
  requestId: string;
  approvalTimeoutSeconds: number;
  startAt?: string;
  /** Set for a second execution of the same request (an extension); defaults to the request id. */
  executionName?: string;
}

/** The approval workflow (Step Functions in AWS, the same ASL run in-process locally). */
export interface Workflow {
  /** Starts the execution for a request; starting one that already runs is a no-op (named by request id). */
  start(input: WorkflowInput): Promise<void>;
  /** Resumes an execution waiting on a task token (SendTaskSuccess). */
  resume(taskToken: string, output: Record<string, unknown>): Promise<void>;
  /** Fails the waiting task (SendTaskFailure), e.g. when the request is cancelled. */
  abort(taskToken: string, error: string, cause: string): Promise<void>;
}
