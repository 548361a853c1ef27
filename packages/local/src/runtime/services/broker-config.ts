import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrokerConfig, iamDataCatalog, loadConfig } from '@access-broker/core';
import { startLocalSignIn } from '../../identity/local-sign-in';
import type { LocalBrokerOptions } from '../local-broker-types';
import { localApiClients, localSecrets, type LocalSecrets } from '../local-secrets';

export const DEFAULT_CONFIG = new URL('../../../../../config/local.json', import.meta.url);

export interface LocalConfig {
  config: BrokerConfig;
  /** The config as the stack copies it next to each function: the file, plus the local clients and issuer. */
  deployedConfig: Record<string, unknown>;
  secrets: LocalSecrets;
  signIn: Awaited<ReturnType<typeof startLocalSignIn>>;
}

/**
 * The config as deployed locally: the file (config/local.json by default) plus what only exists here, the
 * local API clients' secrets and the local identity provider, which starts first because the config names it.
 */
export async function localConfig(
  options: LocalBrokerOptions,
  started: (() => unknown)[],
): Promise<LocalConfig> {
  const raw = (options.rawConfig ?? JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8'))) as Record<
    string,
    unknown
  >;
  const rawOidc = raw.oidc as { machineClients?: object } | undefined;
  const secrets = localSecrets(
    join(options.home, 'secrets.json'),
    Object.keys(rawOidc?.machineClients ?? {}),
  );
  const signIn = await startLocalSignIn(rawOidc, secrets, {
    home: options.home,
    port: options.identityProviderPort ?? (options.port ? options.port + 1 : 0),
  });
  started.push(() => signIn.stop());
  const deployedConfig = {
    ...raw,
    apiClients: [...((raw.apiClients as unknown[]) ?? []), ...localApiClients(secrets)],
    ...signIn.configPatch,
  };
  return { config: await loadConfig(deployedConfig, iamDataCatalog), deployedConfig, secrets, signIn };
}
