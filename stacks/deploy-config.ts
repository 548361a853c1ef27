import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type BrokerConfig, iamDataCatalog, loadConfig } from '@access-broker/core';

export interface DeployConfig {
  config: BrokerConfig;
  /** The file copied into every function as config.json, relative to the project root (as SST wants it). */
  path: string;
}

/**
 * The broker config the stack deploys: BROKER_CONFIG, else config/production.json, else the shipped
 * example. Validated in full here, guardrails included, so an invalid config fails the deploy, not a Lambda.
 */
export async function deployConfig(): Promise<DeployConfig> {
  const candidates = [
    process.env.BROKER_CONFIG,
    'config/production.json',
    'config/production.example.json',
  ].filter((path): path is string => Boolean(path));
  const path = resolve(candidates.find((candidate) => existsSync(candidate)) ?? candidates.at(-1)!);
  return {
    config: await loadConfig(JSON.parse(readFileSync(path, 'utf8')), iamDataCatalog),
    path: relative(process.cwd(), path),
  };
}
