import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type BrokerConfig, iamDataCatalog, loadConfig } from '@access-broker/core';
import { deployProblems, UndeployableConfigError } from './deploy-safety';

export interface DeployConfig {
  config: BrokerConfig;
  /** The file as written, for the placeholder checks. */
  raw: unknown;
  /** The file copied into every function as config.json, relative to the project root (as SST wants it). */
  path: string;
}

const CANDIDATES = () =>
  [process.env.BROKER_CONFIG, 'config/production.json', 'config/production.example.json'].filter(
    (path): path is string => Boolean(path),
  );

/**
 * The broker config the stack deploys: BROKER_CONFIG, else config/production.json, else the shipped
 * example. Validated in full here, guardrails included, so an invalid config fails the deploy, not a Lambda.
 */
export async function deployConfig(): Promise<DeployConfig> {
  const candidates = CANDIDATES();
  const path = resolve(candidates.find((candidate) => existsSync(candidate)) ?? candidates.at(-1)!);
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return { config: await loadConfig(raw, iamDataCatalog), raw, path: relative(process.cwd(), path) };
}

/**
 * The config a real deployment uses: as above, and refused while it is the example or holds a placeholder.
 * `npm run synth` and `sst deploy` both go through here; the offline tests synthesize the example on purpose.
 */
export async function deployableConfig(): Promise<DeployConfig> {
  const deploy = await deployConfig();
  const problems = deployProblems(deploy.raw, deploy.path);
  if (problems.length > 0) throw new UndeployableConfigError(deploy.path, problems);
  return deploy;
}

/**
 * The region the config names, read without validation: SST asks for it before any stack runs. The example's
 * region when there is no config yet, since the stacks then refuse the example anyway, naming what to do.
 */
export function configuredRegion(): string | undefined {
  const path = CANDIDATES().find((candidate) => existsSync(candidate));
  if (!path) return undefined;
  return (JSON.parse(readFileSync(path, 'utf8')) as { broker?: { region?: string } }).broker?.region;
}
