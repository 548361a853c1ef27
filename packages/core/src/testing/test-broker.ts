import { type BrokerConfig, brokerConfigSchema } from '../config/config-schema';
import { iamDataCatalog } from '../policy/iam-action-catalog';
import { zxcvbnStrength } from '../requests/external-id-strength';
import type { BrokerContext } from '../context/broker-context';
import { InMemoryGrantStore } from './in-memory-grant-store';
import { InMemoryVendorStore } from './in-memory-vendor-store';
import { InMemoryActivityStore } from './in-memory-activity-store';
import {
  FakeProvisioner,
  FakeScheduler,
  ManualClock,
  RecordingNotifier,
  RecordingWorkflow,
  sequentialIds,
} from './fake-ports';

/** A small, valid config: one approver group, the three standard profiles, custom policies allowed. */
export function testConfig(overrides: Partial<Record<keyof BrokerConfig, unknown>> = {}): BrokerConfig {
  return brokerConfigSchema.parse({
    broker: { homeAccountId: '123456789012', region: 'eu-west-1' },
    limits: { minDuration: 'PT15M', maxDuration: 'P7D', approvalTimeout: 'PT24H' },
    people: {
      alice: { displayName: 'Alice', apiClients: ['alice'], slackUserIds: ['UALICE'] },
      bob: { displayName: 'Bob', apiClients: ['bob'], slackUserIds: ['UBOB'] },
      carol: { displayName: 'Carol', apiClients: ['carol'] },
      dave: { displayName: 'Dave', apiClients: ['dave-cli'], slackUserIds: ['UDAVE'] },
    },
    apiClients: ['jira', 'servicenow', 'alice', 'bob', 'carol', 'dave-cli'].map((id, i) => ({
      id,
      tokenSha256: String(i).repeat(64),
      scopes: ['requests:create', 'requests:read', 'requests:approve', 'requests:revoke'],
    })),
    approverGroups: { security: { people: ['alice', 'bob', 'carol'] } },
    profiles: {
      's3-audit-read': {
        description: 'read one bucket',
        parameters: { bucket: { description: 'bucket name', pattern: '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]' } },
        statements: [
          {
            Effect: 'Allow',
            Action: ['s3:ListBucket', 's3:GetBucketLocation'],
            Resource: 'arn:{{partition}}:s3:::{{bucket}}',
          },
          { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:{{partition}}:s3:::{{bucket}}/*' },
          { Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: '*' },
        ],
        approval: { approverGroup: 'security', maxDuration: 'P3D', requireTicket: true },
      },
      'security-audit': {
        description: 'SecurityAudit',
        managedPolicyArns: ['arn:aws:iam::aws:policy/SecurityAudit'],
        approval: { approverGroup: 'security', autoApproveUpTo: 'PT1H' },
      },
      'read-only': {
        description: 'ReadOnlyAccess',
        managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        approval: { approverGroup: 'security', approvalsRequired: 2, channels: ['api'] },
      },
    },
    customPolicies: { approval: { approverGroup: 'security', channels: ['api'] } },
    ...overrides,
  });
}

export interface TestBroker extends BrokerContext {
  store: InMemoryGrantStore;
  vendors: InMemoryVendorStore;
  activity: InMemoryActivityStore;
  provisioner: FakeProvisioner;
  scheduler: FakeScheduler;
  notifier: RecordingNotifier;
  workflow: RecordingWorkflow;
  clock: ManualClock;
}

export function testBroker(config: BrokerConfig = testConfig()): TestBroker {
  return {
    config,
    store: new InMemoryGrantStore(),
    vendors: new InMemoryVendorStore(),
    activity: new InMemoryActivityStore(),
    provisioner: new FakeProvisioner(),
    scheduler: new FakeScheduler(),
    notifier: new RecordingNotifier(),
    workflow: new RecordingWorkflow(),
    catalog: iamDataCatalog,
    strength: zxcvbnStrength,
    clock: new ManualClock(),
    ids: sequentialIds(),
  };
}

/** The seed's consulting-firm audit, as a valid request body. */
export function auditRequestBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    principal: 'arn:aws:iam::111122223333:role/ThirdPartyAuditor',
    profile: 's3-audit-read',
    parameters: { bucket: 'awsproduction345' },
    duration: 'PT2H',
    justification: 'Annual SOC 2 evidence collection by Example Consulting',
    requester: { id: 'dave', slackUserId: 'UDAVE' },
    ticket: { system: 'jira', key: 'SEC-123', url: 'https://jira.example.com/browse/SEC-123' },
    ...overrides,
  };
}
