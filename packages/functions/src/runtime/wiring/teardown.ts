import type { BrokerConfig } from '@access-broker/core';
import { dynamoStore } from './dynamo';
import { iamProvisioner } from './iam';
import { expiryScheduler } from './scheduler';
import { stepFunctionsWorkflow } from './step-functions';

/** Everything a function that can end a grant needs: the store, IAM, the schedules and the workflow. */
export function teardownPorts(config: BrokerConfig) {
  return {
    store: dynamoStore(),
    provisioner: iamProvisioner(config),
    scheduler: expiryScheduler(),
    workflow: stepFunctionsWorkflow(),
  };
}
