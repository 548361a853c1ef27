import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { approvalWorkflowDefinition, substituteFunctionArns, WORKFLOW_TASKS } from './approval-workflow';

const arns = Object.fromEntries(
  WORKFLOW_TASKS.map((task) => [
    task,
    `arn:aws:lambda:eu-west-1:123456789012:function:access-broker-${task}`,
  ]),
) as Parameters<typeof substituteFunctionArns>[0];

describe('the approval workflow ASL', () => {
  it('is valid Amazon States Language once the function ARNs are substituted', () => {
    const { isValid, errorsText } = aslValidator(substituteFunctionArns(arns));
    expect(errorsText()).toBe('');
    expect(isValid).toBe(true);
  });

  it('names every task function through a definition substitution, and nothing else', () => {
    const placeholders = [...JSON.stringify(approvalWorkflowDefinition).matchAll(/\$\{(\w+)\}/g)].map(
      (match) => match[1],
    );
    expect(new Set(placeholders)).toEqual(new Set(WORKFLOW_TASKS.map((task) => `${task}FunctionArn`)));
    expect(JSON.stringify(substituteFunctionArns(arns))).not.toContain('${');
  });

  it('gives each step one name: the Task state is named after the task whose function it invokes', () => {
    const states = (approvalWorkflowDefinition as { States: Record<string, any> }).States;
    const tasks = Object.entries(states).filter(([, state]) => state.Type === 'Task');
    for (const [name, state] of tasks)
      expect(state.Parameters.FunctionName, name).toBe(`\${${name}FunctionArn}`);
    expect(tasks.map(([name]) => name).sort()).toEqual([...WORKFLOW_TASKS].sort());
  });

  it('waits for a decision with a task token and the configured timeout, and cleans up a failed provisioning', () => {
    const states = (approvalWorkflowDefinition as { States: Record<string, any> }).States;
    expect(states.AwaitDecision.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(states.AwaitDecision.Parameters.Payload['taskToken.$']).toBe('$$.Task.Token');
    expect(states.AwaitDecision.TimeoutSecondsPath).toBe('$.approvalTimeoutSeconds');
    expect(states.Provision.Catch).toEqual([
      expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'FailProvisioning' }),
    ]);
    expect(states.Provision.Retry[0].ErrorEquals).toContain('ProvisioningError');
  });
});
