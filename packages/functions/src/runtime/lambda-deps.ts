import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  brokerConfigSchema,
  ConfigError,
  iamDataCatalog,
  systemClock,
  ulidGenerator,
  zodIssues,
  type BrokerConfig,
} from '@access-broker/core';
import type { HandlerDeps } from './handler-deps';
import { lambdaEnv } from './lambda-env';

type Port = 'store' | 'provisioner' | 'scheduler' | 'workflow' | 'notifier';

/**
 * The Lambda composition root. Each function entry passes only the adapters it uses, so its bundle carries
 * only those SDK clients; a port it did not wire answers with an error naming it, never with a silent default.
 */
export type Ports = Partial<Pick<HandlerDeps, Port>>;

/** `wire` receives the validated config, since some adapters (IAM targets, Slack channel) depend on it. */
export function lambdaDeps(
  wire: (config: BrokerConfig) => Ports = () => ({}),
  slackSigningSecret = '',
): HandlerDeps {
  const { configFile, permissionsBoundaryName } = lambdaEnv(['configFile', 'permissionsBoundaryName']);
  // Profiles were checked against the guardrails at synth (the deploy fails otherwise); here, the schema.
  const parsed = brokerConfigSchema.safeParse(JSON.parse(readFileSync(configFile, 'utf8')));
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error));
  const config = { ...parsed.data, broker: { ...parsed.data.broker, permissionsBoundaryName } };
  const ports = wire(config);
  return {
    config,
    store: ports.store ?? unwired('store'),
    provisioner: ports.provisioner ?? unwired('provisioner'),
    scheduler: ports.scheduler ?? unwired('scheduler'),
    workflow: ports.workflow ?? unwired('workflow'),
    notifier: ports.notifier ?? unwired('notifier'),
    catalog: iamDataCatalog,
    clock: systemClock,
    ids: ulidGenerator,
    logger: new Logger({ serviceName: 'access-broker' }),
    slack: { signingSecret: slackSigningSecret },
  };
}

function unwired<T extends object>(port: Port): T {
  return new Proxy({} as T, {
    get: (_target, member) => {
      throw new Error(
        `the ${port} port is not wired into this function (needed for ${String(member)}); wire it in its entry file`,
      );
    },
  });
}
