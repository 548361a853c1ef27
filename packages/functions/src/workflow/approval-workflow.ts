// A plain JSON import: SST's bundler (esbuild 0.18) predates import attributes.
import definition from './approval-workflow.asl.json';

/** The Lambda functions the ASL names through `${<Name>FunctionArn}` definition substitutions. */
export const WORKFLOW_TASKS = [
  'AwaitDecision',
  'CheckDecision',
  'ExpireApproval',
  'Provision',
  'FailProvisioning',
] as const;
export type WorkflowTask = (typeof WORKFLOW_TASKS)[number];

/** The one ASL document: deployed through DefinitionSubstitutions, run as-is locally. */
export const approvalWorkflowDefinition: Readonly<Record<string, unknown>> = definition;

/** The definition with each `${<Task>FunctionArn}` replaced, as Step Functions applies DefinitionSubstitutions. */
export function substituteFunctionArns(arns: Record<WorkflowTask, string>): Record<string, unknown> {
  const text = JSON.stringify(definition).replace(
    /\$\{(\w+)FunctionArn\}/g,
    (whole, task: string) => arns[task as WorkflowTask] ?? whole,
  );
  return JSON.parse(text) as Record<string, unknown>;
}
