import type { SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig } from './client-config';

let ssm:
  | Promise<{
      client: SSMClient;
      GetParameterCommand: typeof import('@aws-sdk/client-ssm').GetParameterCommand;
    }>
  | undefined;
const cache = new Map<string, Promise<string>>();

/**
 * A secret from SSM Parameter Store (where `sst secrets set` puts it), fetched on first use and kept for the
 * life of the instance. A failed fetch is not cached. Replaces `sst/node/config`, whose top-level await
 * fetched every bound secret at cold start whether or not the request needed it.
 */
export function readSecret(parameterName: string): Promise<string> {
  let value = cache.get(parameterName);
  if (!value) {
    ssm ??= Promise.all([import('@aws-sdk/client-ssm'), clientConfig()]).then(([sdk, config]) => ({
      client: new sdk.SSMClient(config),
      GetParameterCommand: sdk.GetParameterCommand,
    }));
    value = ssm
      .then(({ client, GetParameterCommand }) =>
        client.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true })),
      )
      .then(({ Parameter }) => {
        if (!Parameter?.Value)
          throw new Error(`secret ${parameterName} has no value: run \`sst secrets set\``);
        return Parameter.Value;
      });
    value.catch(() => cache.delete(parameterName));
    cache.set(parameterName, value);
  }
  return value;
}
