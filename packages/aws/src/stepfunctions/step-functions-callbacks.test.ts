import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StepFunctionsCallbacks } from './step-functions-callbacks';

// Step Functions' callback API has no local endpoint here: pin SendTaskSuccess/Failure as documented.
const sfn = mockClient(SFNClient);
const callbacks = new StepFunctionsCallbacks(new SFNClient({ region: 'eu-west-1' }));

describe('StepFunctionsCallbacks (contract)', () => {
  beforeEach(() => sfn.reset());

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
