import type { SSTConfig } from 'sst';
import { BrokerStack } from './stacks/broker-stack';
import { configuredRegion, deployableConfig } from './stacks/deploy-config';
import { SpokeStack } from './stacks/spoke-stack';

export default {
  config() {
    // The region is the config's: a deploy cannot land in whatever region the shell happens to name.
    const region = configuredRegion();
    if (!region)
      throw new Error('no broker config: copy config/production.example.json to config/production.json');
    return { name: 'access-broker', region };
  },
  async stacks(app) {
    const { config } = await deployableConfig();
    // A spoke account (BROKER_SPOKE=1, deployed with that account's credentials) gets only the provisioner role.
    const spoke = Boolean(process.env.BROKER_SPOKE);
    const expected = spoke ? Object.keys(config.targetAccounts) : [config.broker.homeAccountId];
    if (!expected.includes(app.account))
      throw new Error(
        `these credentials are for account ${app.account}, but the config deploys ${spoke ? 'spokes to' : 'the broker to'} ${expected.join(', ') || '(no target account)'}`,
      );
    if (spoke) await app.stack(SpokeStack);
    else await app.stack(BrokerStack);
  },
} satisfies SSTConfig;
