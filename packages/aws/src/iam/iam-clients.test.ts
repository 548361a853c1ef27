import { STSClient } from '@aws-sdk/client-sts';
import { testConfig } from '@access-broker/core/testing';
import { seedProvisioner } from '@access-broker/local';
import { type LocalAws, startLocalAws } from '@access-broker/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClientConfig } from '../sdk-client-config';
import { assumedRoleCredentials } from './iam-clients';

const SPOKE = '222233334444';
const target = {
  provisionerRoleArn: `arn:aws:iam::${SPOKE}:role/access-broker-provisioner`,
  externalId: 'spoke-7Qx9-2f8KpL3mZ-provisioner',
};
let iam: LocalAws;
let sts: STSClient;

beforeAll(async () => {
  iam = await startLocalAws();
  const { provisioner: broker } = seedProvisioner(
    iam.state,
    testConfig({ targetAccounts: { [SPOKE]: target } }),
  );
  sts = new STSClient(sdkClientConfig({ region: 'us-east-1', endpoint: iam.endpoint, credentials: broker }));
});
afterAll(async () => {
  sts.destroy();
  await iam.close();
});

describe('assumedRoleCredentials', () => {
  it('assumes the provisioner role once and reuses the credentials until near expiry', async () => {
    iam.faults.resetCounters();
    let clock = Date.now();
    const credentials = assumedRoleCredentials(sts, target, () => clock);
    const [first, second] = await Promise.all([credentials(), credentials()]);
    expect(await credentials()).toBe(first);
    expect(second).toBe(first);
    expect(iam.faults.calls.get('AssumeRole')).toBe(1);
    // Within five minutes of expiry (sessions last an hour): assume again.
    clock += 56 * 60_000;
    expect(await credentials()).not.toBe(first);
    expect(iam.faults.calls.get('AssumeRole')).toBe(2);
  });

  it('fails when the External ID is wrong', async () => {
    await expect(
      assumedRoleCredentials(sts, { ...target, externalId: 'not-the-spoke-external-id' })(),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
