import { join } from 'node:path';
import { type BrokerConfig, oidcSchema } from '@access-broker/core';
import type { LocalSecrets } from '../runtime/local-secrets';
import { LOCAL_DIRECTORY } from './local-directory';
import { type LocalIdentityProvider, startLocalIdentityProvider } from './local-identity-provider';

/**
 * Sign-in for the local broker: when the config has an `oidc` section, the local identity provider starts
 * and takes its place as the issuer. An invalid section starts nothing: loadConfig reports it with every
 * other issue.
 */
export async function startLocalSignIn(
  rawOidc: unknown,
  secrets: LocalSecrets,
  options: { home: string; port: number },
) {
  const settings = oidcSchema.safeParse(rawOidc);
  const provider: LocalIdentityProvider | undefined = settings.success
    ? await startLocalIdentityProvider({
        oidc: settings.data,
        machineClients: secrets.machineClientSecrets,
        ...secrets.identityProvider,
        port: options.port,
        stateFile: join(options.home, 'identity-provider.json'),
      })
    : undefined;
  return {
    provider,
    /** The config's oidc section, pointed at the local provider wherever it listens. */
    configPatch: provider ? { oidc: { ...(rawOidc as object), issuer: provider.issuer } } : {},
    /** What local.json tells people and tests about signing in. */
    describe(config: BrokerConfig) {
      if (!provider || !config.oidc) return {};
      return {
        oidcIssuer: provider.issuer,
        oidc: {
          clientId: config.oidc.cliClientId,
          people: Object.fromEntries(
            Object.entries(LOCAL_DIRECTORY).map(([user, entry]) => [user, entry.groups]),
          ),
          password: secrets.identityProvider.password,
          machineClients: secrets.machineClientSecrets,
        },
      };
    },
    /** The console listens at this address: its sign-in client comes to life. */
    registerConsole: (consoleUrl: string) => provider?.registerConsole(consoleUrl),
    stop: async () => provider?.stop(),
  };
}
