import { SFNClient } from '@aws-sdk/client-sfn';
import { sdkClientConfig } from '@access-broker/aws/sdk-client-config';
import { StepFunctionsWorkflow } from '@access-broker/aws/stepfunctions';
import { lambdaRegion } from './region';

/** Functions that only resume or abort executions have no state machine ARN, and need none. */
export function stepFunctionsWorkflow(stateMachineArn: string | undefined) {
  return new StepFunctionsWorkflow(
    new SFNClient(sdkClientConfig({ region: lambdaRegion() })),
    stateMachineArn,
  );
}
