// The secrets the stack binds with Config.Secret (SST would generate this into .sst/types at deploy time).
import 'sst/node/config';

declare module 'sst/node/config' {
  export interface SecretResources {
    SLACK_BOT_TOKEN: { value: string };
    SLACK_SIGNING_SECRET: { value: string };
  }
}
