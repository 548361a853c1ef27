import type { BrokerConfig } from '@access-broker/core';
import type { BrokerResources, FunctionName } from '@access-broker/functions';
import type { AwsAuthority, LocalAws } from '@access-broker/local-aws';
import type { LocalLambda } from '../../lambda/local-lambda';
import type { LocalBrokerOptions } from '../local-broker-types';
import type { LocalDeployment } from '../local-deployment';

/** What every local service is started with: the stage's config and names, the local AWS, the functions. */
export interface LocalStage {
  options: LocalBrokerOptions;
  print: (line: string) => void;
  config: BrokerConfig;
  resources: BrokerResources;
  aws: LocalAws;
  authority: AwsAuthority;
  lambda: LocalLambda;
  deployment: LocalDeployment;
  /** Invokes a deployed function by its catalog name. */
  invoke<T = unknown>(name: FunctionName, event: unknown): Promise<T>;
  /** Stops for what has started so far, run in reverse when a later start fails. */
  started: (() => unknown)[];
}
