import { mkdirSync, writeFileSync } from 'node:fs';
import { deployableConfig } from './deploy-config';
import { UndeployableConfigError } from './deploy-safety';
import { spokeStackSetTemplate } from './spoke-stackset-template';
import { synthesizeBrokerStack, synthesizeSpokeStack } from './synthesize';

// `npm run synth`: the CloudFormation templates, offline (no AWS credentials; `sst build` would need them),
// for the account and region the config names, and only from a config that could be deployed.
const stage = process.env.STAGE ?? 'prod';
let config;
try {
  ({ config } = await deployableConfig());
} catch (error) {
  if (!(error instanceof UndeployableConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const { template, nagFindings } = await synthesizeBrokerStack({
  stage,
  account: config.broker.homeAccountId,
  region: config.broker.region,
});
mkdirSync('synth', { recursive: true });
writeFileSync(
  `synth/${stage}-access-broker-broker.template.json`,
  JSON.stringify(template.toJSON(), null, 2),
);
console.log(
  `synth/${stage}-access-broker-broker.template.json: ${Object.keys(template.toJSON().Resources).length} resources, ${nagFindings.length} unsuppressed cdk-nag findings`,
);
// One template for CloudFormation StackSets (every account of an OU), always written.
writeFileSync(
  `synth/${stage}-access-broker-spoke-stackset.template.json`,
  JSON.stringify(spokeStackSetTemplate(config, stage), null, 2),
);
if (process.env.SPOKE_ACCOUNT) {
  const spoke = await synthesizeSpokeStack({
    stage,
    account: process.env.SPOKE_ACCOUNT,
    region: config.broker.region,
  });
  writeFileSync(
    `synth/${stage}-access-broker-spoke-${process.env.SPOKE_ACCOUNT}.template.json`,
    JSON.stringify(spoke.template.toJSON(), null, 2),
  );
}
process.exit(nagFindings.length > 0 ? 1 : 0);
