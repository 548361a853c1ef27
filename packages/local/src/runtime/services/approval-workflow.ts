import { join } from 'node:path';
import { LocalStepFunctions } from '@access-broker/local-aws';
import type { LocalStage } from './local-stage';

/** The approval state machine as deployed (its ASL, its task functions); executions persist in the home. */
export function startApprovalWorkflow(stage: LocalStage) {
  const { options } = stage;
  const stepFunctions = new LocalStepFunctions(stage.authority, {
    stateMachineArn: stage.resources.stateMachineArn,
    definition: stage.deployment.stateMachineDefinition,
    invoke: (arn, payload) => stage.lambda.invoke(arn, payload),
    file: join(options.home, 'executions.jsonl'),
    legacyFile: join(options.home, 'executions.json'),
    ...(options.retryIntervalMs !== undefined ? { retryIntervalMs: options.retryIntervalMs } : {}),
    onError: (execution, error) => stage.print(`[workflow] ${execution} failed: ${String(error)}`),
  });
  stage.started.push(() => stepFunctions.stop());
  return stepFunctions;
}
