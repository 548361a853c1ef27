import type { SSTConfig } from 'sst';
import { BrokerStack } from './stacks/broker-stack';
import { SpokeStack } from './stacks/spoke-stack';

export default {
  config() {
    return { name: 'access-broker', region: process.env.AWS_REGION ?? 'eu-west-1' };
  },
  async stacks(app) {
    // A spoke account (BROKER_SPOKE=1, deployed with that account's credentials) gets only the provisioner role.
    if (process.env.BROKER_SPOKE) await app.stack(SpokeStack);
    else await app.stack(BrokerStack);
  },
} satisfies SSTConfig;
