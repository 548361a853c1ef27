import {
  ExecutionAlreadyExists,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StepFunctionsWorkflow } from './step-functions-workflow';

// Step Functions' callback API has no local endpoint here: pin SendTaskSuccess/Failure as documented.
const sfn = mockClient(SFNClient);
const STATE_MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:access-broker-approval';
const callbacks = new StepFunctionsWorkflow(new SFNClient({ region: 'eu-west-1' }), STATE_MACHINE);

describe('StepFunctionsWorkflow (contract)', () => {
  beforeEach(() => sfn.reset());

  it('starts one execution per request, named after it, and a second start is a no-op', async () => {
    sfn
      .on(StartExecutionCommand)
      .resolvesOnce({ executionArn: 'arn' })
      .rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    const input = { schemaVersion: 1 as const, requestId: '01jd5x', approvalTimeoutSeconds: 86_400 };
    await callbacks.start(input);
    await callbacks.start(input);
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: STATE_MACHINE,
      name: '01jd5x',
      input: '{"schemaVersion":1,"requestId":"01jd5x","approvalTimeoutSeconds":86400}',
    });
  });

  it('resumes the waiting task with the decision as JSON output', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    await callbacks.resume('token-1', { decision: 'approved' });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
      taskToken: 'token-1',
      output: '{"decision":"approved"}',
    });
  });

  it('fails the waiting task on cancel', async () => {
    sfn.on(SendTaskFailureCommand).resolves({});
    await callbacks.abort('token-1', 'Cancelled', 'cancelled by api:dave');
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input).toEqual({
      taskToken: 'token-1',
      error: 'Cancelled',
      cause: 'cancelled by api:dave',
    });
  });

  it('treats a task that already timed out as finished, and surfaces anything else', async () => {
    sfn
      .on(SendTaskSuccessCommand)
      .rejectsOnce(new TaskTimedOut({ message: 'timed out', $metadata: {} }))
      .rejects(new Error('AccessDenied'));
    await expect(callbacks.resume('token-1', {})).resolves.toBeUndefined();
    await expect(callbacks.resume('token-1', {})).rejects.toThrow('AccessDenied');
  });
});
