/** Resumes a workflow that waits on a task token (Step Functions SendTaskSuccess / SendTaskFailure). */
export interface WorkflowCallbacks {
  resume(taskToken: string, output: Record<string, unknown>): Promise<void>;
  abort(taskToken: string, error: string, cause: string): Promise<void>;
}
