import { Aspects } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { initProject } from 'sst/project.js';
import { App, getStack } from 'sst/constructs';
import type { FunctionalStack } from 'sst/constructs/FunctionalStack.js';
import { BrokerStack } from './broker-stack';
import { SpokeStack } from './spoke-stack';

/**
 * Synthesizes the broker stack offline, as SST's testing guide does: an explicit stage (no prompt),
 * NODE_ENV=test (no bootstrap, no AWS call), then `app.finish()` so handlers are resolved and checked.
 */
export function synthesizeBrokerStack(options: SynthOptions = {}) {
  return synthesize(BrokerStack, options);
}

export function synthesizeSpokeStack(options: SynthOptions = {}) {
  return synthesize(SpokeStack, options);
}

interface SynthOptions {
  stage?: string;
  account?: string;
  region?: string;
}

async function synthesize(stackFunction: FunctionalStack<unknown>, options: SynthOptions) {
  process.env.NODE_ENV = 'test';
  await initProject({ stage: options.stage ?? 'test' });
  const app = new App({
    mode: 'deploy',
    stage: options.stage ?? 'test',
    name: 'access-broker',
    region: options.region ?? 'eu-west-1',
    account: options.account ?? '123456789012',
  });
  // cdk-nag's AwsSolutions pack runs on every synthesis; the stack carries its justified suppressions.
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  await app.stack(stackFunction);
  await app.finish();
  const stack = getStack(stackFunction);
  const template = Template.fromStack(stack);
  // SST's App cannot be synthesized twice (Annotations.fromStack would): read cdk-nag's findings, which it
  // records as error/warning metadata on the constructs, from the tree the one synthesis produced.
  const nagFindings = stack.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter(
          (entry) =>
            /^aws:cdk:(error|warning)$/.test(entry.type) && String(entry.data).startsWith('AwsSolutions-'),
        )
        .map((entry) => `${construct.node.path}: ${String(entry.data).split('\n')[0]}`),
    );
  return { app, stack, template, nagFindings };
}
