import { mkdirSync, writeFileSync } from 'node:fs';
import { synthesizeBrokerStack, synthesizeSpokeStack } from './synthesize';

// `npm run synth`: the CloudFormation templates, offline (no AWS credentials; `sst build` would need them).
const stage = process.env.STAGE ?? 'prod';
const { template, nagFindings } = await synthesizeBrokerStack({ stage });
mkdirSync('synth', { recursive: true });
writeFileSync(
  `synth/${stage}-access-broker-broker.template.json`,
  JSON.stringify(template.toJSON(), null, 2),
);
console.log(
  `synth/${stage}-access-broker-broker.template.json: ${Object.keys(template.toJSON().Resources).length} resources, ${nagFindings.length} unsuppressed cdk-nag findings`,
);
if (process.env.SPOKE_ACCOUNT) {
  const spoke = await synthesizeSpokeStack({ stage, account: process.env.SPOKE_ACCOUNT });
  writeFileSync(
    `synth/${stage}-access-broker-spoke-${process.env.SPOKE_ACCOUNT}.template.json`,
    JSON.stringify(spoke.template.toJSON(), null, 2),
  );
}
process.exit(nagFindings.length > 0 ? 1 : 0);
