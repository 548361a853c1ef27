import { SFNClient } from '@aws-sdk/client-sfn';
import { sdkClientConfig, StepFunctionsWorkflow } from '@access-broker/aws';
import { lambdaEnv } from '../lambda-env';

export function stepFunctionsWorkflow() {
  const { region, stateMachineArn } = lambdaEnv(['region', 'stateMachineArn']);
  return new StepFunctionsWorkflow(new SFNClient(sdkClientConfig({ region })), stateMachineArn);
}
