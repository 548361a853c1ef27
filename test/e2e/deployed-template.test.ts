import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  catalogDeployment,
  type CfnTemplate,
  type DeployedFunction,
  isBrokerFunction,
  localApiClients,
  localSecrets,
  type LocalDeployment,
  templateDeployment,
} from '@access-broker/local';
import { declarationOf, FUNCTION_NAMES } from '@access-broker/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeBrokerStack } from '../../stacks/synthesize';
import {
  auditRequest,
  type BrokerUnderTest,
  decideWhenWaiting,
  startBrokerUnderTest,
  statusOf,
} from './support/broker-under-test';
import { sessionCredentials } from './support/session-credentials';

let template: CfnTemplate;
let broker: BrokerUnderTest;
let configFile: string;

/** The stack synthesized for the local stage, account and region, from the very config the broker runs. */
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'broker-template-'));
  configFile = join(dir, 'config.json');
  const raw = JSON.parse(await readFile(new URL('../../config/local.json', import.meta.url), 'utf8'));
  // The clients of the local people's tokens, as the runtime adds them.
  raw.apiClients = localApiClients(localSecrets(join(dir, 'secrets.json')));
  await writeFile(configFile, JSON.stringify(raw));
  process.env.BROKER_CONFIG = configFile;
  const { template: synthesized } = await synthesizeBrokerStack({
    stage: 'local',
    account: raw.broker.homeAccountId,
    region: raw.broker.region,
  });
  template = synthesized.toJSON() as CfnTemplate;
  delete process.env.BROKER_CONFIG;
}, 180_000);
afterAll(async () => {
  await broker?.close();
  await rm(join(configFile, '..'), { recursive: true, force: true });
});

/** Function ARNs differ between the two deployments; a function's catalog name identifies it in both. */
function byName(deployment: LocalDeployment) {
  return new Map(deployment.functions.map((fn) => [fn.name, fn]));
}
/**
 * What the stack adds to a role beyond the function's declaration: X-Ray (tracing is on for every function)
 * and, for the stream consumer, reading the stream and dead-lettering to its queue (the event source mapping).
 */
const INFRASTRUCTURE = /^(xray:|dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams)$|sqs:)/;
const withoutInfrastructure = (fn: DeployedFunction) =>
  fn.statements.filter(
    (statement) => ![statement.Action].flat().every((action) => INFRASTRUCTURE.test(action)),
  );
const normalise = (statement: unknown) => {
  const s = statement as {
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: unknown;
  };
  return { ...s, Action: [s.Action].flat().sort(), Resource: [s.Resource].flat().sort() };
};

describe('the synthesized template, run locally', () => {
  it('declares exactly the catalog: same functions, environments, role policies and state machine', async () => {
    expect(Object.values(template.Resources).filter(isBrokerFunction)).toHaveLength(FUNCTION_NAMES.length);
    const probe = await startBrokerUnderTest();
    try {
      const deployed = templateDeployment(template, probe.resources);
      const catalog = catalogDeployment(probe.resources, probe.config);
      const ofTemplate = byName(deployed);
      for (const fn of catalog.functions) {
        const twin = ofTemplate.get(fn.name);
        expect(twin, fn.name).toBeDefined();
        // The template adds SST's own variables; every variable the catalog derives is there, with its value.
        expect(twin!.environment, fn.name).toMatchObject(fn.environment);
        expect(withoutInfrastructure(twin!).map(normalise), fn.name).toEqual(fn.statements.map(normalise));
      }
      const arnNames = new Map([
        ...deployed.functions.map((fn) => [fn.arn, fn.name] as const),
        ...catalog.functions.map((fn) => [fn.arn, fn.name] as const),
      ]);
      const named = (definition: unknown) =>
        JSON.parse(
          JSON.stringify(definition).replace(/arn:aws:lambda:[^"]+/g, (arn) => `fn:${arnNames.get(arn)}`),
        );
      expect(named(deployed.stateMachineDefinition)).toEqual(named(catalog.stateMachineDefinition));
      expect(deployed.jwtRoutes).toEqual(catalog.jwtRoutes);
    } finally {
      await probe.close();
    }
  }, 60_000);

  it('starts every one of the functions with exactly its template environment and role, through a whole journey', async () => {
    broker = await startBrokerUnderTest({
      limits: { approvalTimeout: 'PT6S' },
      sdkMaxAttempts: 2,
      // Expiry must come from the Scheduler schedule, so the sweeper runs only when the test says.
      sweepIntervalMs: 3_600_000,
      deployment: ({ resources }) => templateDeployment(template, resources),
      // The first request's wait step times out three times: its retries spent, CheckDecision reroutes it.
      faults: {
        lambda: { workflowAwaitDecision: { script: ['timeout-before', 'timeout-before', 'timeout-before'] } },
      },
    });
    const { tokens } = broker.description;
    const create = async (overrides: Record<string, unknown> = {}) =>
      (await broker.api('POST', '/v1/requests', { token: tokens.requester, body: auditRequest(overrides) }))
        .body.id as string;

    expect((await broker.api('GET', '/healthz')).status).toBe(200);
    expect((await broker.api('GET', '/v1/openapi.json')).status).toBe(200);
    expect((await fetch(`${broker.description.apiUrl}/.well-known/security.txt`)).status).toBe(200);
    const page = await (await fetch(broker.description.consoleUrl)).text();
    const script = /src="(\/console\/app-[0-9a-f]{12}\.js)"/.exec(page)?.[1];
    expect((await fetch(`${broker.description.apiUrl}${script}`)).status).toBe(200);
    expect((await broker.api('GET', '/v1/sign-in')).body.oidc.issuer).toBe(broker.description.oidcIssuer);
    expect((await broker.api('GET', '/v1/me', { token: tokens.requester })).body.kind).toBe('machine');
    expect((await broker.api('GET', '/v1/profiles', { token: tokens.requester })).status).toBe(200);
    const vendor = { displayName: 'Acme', principals: [broker.description.demoThirdParty.principalArn] };
    expect((await broker.api('PUT', '/v1/vendors/acme', { token: tokens.admin, body: vendor })).status).toBe(
      201,
    );
    expect((await broker.api('GET', '/v1/vendors', { token: tokens.requester })).body.items).toHaveLength(1);
    expect((await broker.api('GET', '/v1/vendors/acme', { token: tokens.requester })).status).toBe(200);
    const timesOut = await create({ ticket: { system: 'jira', key: 'T-1' } });
    const checkDecision = broker.lambda.deployed().find((name) => name.includes('WorkflowCheckDecision'))!;
    await broker.waitFor('the wait step to fail over to CheckDecision', async () =>
      broker.lambda.invocations.get(checkDecision) ? true : undefined,
    );

    // Approved in Slack (signature from SSM), extended through the API, revoked early.
    const a = await create({ vendor: 'acme', duration: 'PT1M', ticket: { system: 'jira', key: 'T-2' } });
    await broker.waitFor('the approval message', async () =>
      (await broker.outbox()).find((m) => m.blocks && JSON.stringify(m).includes(a)),
    );
    expect(await broker.slackClick(a, 'approve')).toBe(200);
    const granted = await statusOf(broker, a, 'ACTIVE');
    // The third party uses the grant: CloudTrail's record of the call becomes activity through its function.
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: broker.description.awsEndpoint,
      credentials: broker.description.demoThirdParty,
    });
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: granted.grant.roleArn,
        RoleSessionName: 'template',
        ExternalId: granted.grant.externalId,
      }),
    );
    const session = new STSClient({
      region: 'us-east-1',
      endpoint: broker.description.awsEndpoint,
      credentials: sessionCredentials(Credentials),
    });
    await session.send(new GetCallerIdentityCommand({}));
    await broker.waitFor('the call as activity', async () => {
      const { body } = await broker.api('GET', `/v1/requests/${a}/activity`, { token: tokens.requester });
      return body.items.length > 0 ? true : undefined;
    });
    expect((await broker.api('GET', `/v1/requests/${a}/evidence`, { token: tokens.requester })).status).toBe(
      200,
    );
    sts.destroy();
    session.destroy();
    expect((await broker.api('GET', `/v1/requests?status=ACTIVE`, { token: tokens.admin })).status).toBe(200);
    expect((await broker.api('GET', `/v1/requests/${a}/audit`, { token: tokens.admin })).status).toBe(200);
    const extend = await broker.api('POST', `/v1/requests/${a}/extend`, {
      token: tokens.requester,
      body: { duration: 'PT1M', justification: 'fieldwork ran long' },
    });
    expect(extend.status).toBe(202);
    await decideWhenWaiting(broker, a);
    const revoked = await broker.api('POST', `/v1/requests/${a}/revoke`, {
      token: tokens.approver,
      body: { reason: 'done' },
    });
    expect(revoked.status).toBe(202);
    await statusOf(broker, a, 'REVOKED');

    // Approved through the API, expired by its Scheduler schedule.
    const b = await create({ duration: 'PT2S', ticket: { system: 'jira', key: 'T-3' } });
    await decideWhenWaiting(broker, b);
    await statusOf(broker, b, 'REVOKED');

    // A provisioning that fails cleans up through its own function.
    broker.aws.faults.configure({ rules: { CreateRole: { throttle: 1 } } });
    const c = await create({ ticket: { system: 'jira', key: 'T-4' } });
    await decideWhenWaiting(broker, c);
    await statusOf(broker, c, 'FAILED');
    broker.aws.faults.configure(undefined);
    const provision = broker.lambda.deployed().find((name) => name.includes('WorkflowProvision'))!;

    await statusOf(broker, timesOut, 'APPROVAL_EXPIRED');
    expect(await broker.sweepNow()).toBeDefined();
    expect(await broker.reconcileNow()).toMatchObject({ removed: 0 });
    // The admin's side: the inventory of outside trust, and the vendor kill switch with its resume.
    expect((await broker.api('GET', '/v1/external-access', { token: tokens.admin })).status).toBe(200);
    const suspended = await broker.api('POST', '/v1/vendors/acme/suspend', { token: tokens.admin, body: {} });
    expect(suspended.status).toBe(200);
    expect(
      (await broker.api('POST', '/v1/vendors/acme/resume', { token: tokens.admin, body: {} })).status,
    ).toBe(200);
    await broker.eventsDelivered();
    expect(broker.events.map((event) => event.detailType)).toEqual(
      expect.arrayContaining(['Access Requested', 'Access Granted', 'Access Revoked', 'Access Expired']),
    );

    const started = [...broker.lambda.coldStarts.keys()].sort();
    expect(started).toEqual(broker.lambda.deployed().sort());
    expect(started).toHaveLength(FUNCTION_NAMES.length);
    // The only failures are those the test caused on purpose: the provisioning, the wait step's timeouts.
    const awaitDecision = broker.lambda.deployed().find((name) => name.includes('WorkflowAwaitDecision'))!;
    expect(broker.lambda.failures()).toEqual({
      [provision]: expect.arrayContaining(['ProvisioningError']),
      [awaitDecision]: ['Sandbox.Timedout', 'Sandbox.Timedout', 'Sandbox.Timedout'],
    });
  }, 120_000);
});

describe('a declaration the stack would deploy wrongly', () => {
  it('fails when a function loses a permission its work needs', async () => {
    const b = await startBrokerUnderTest({
      deployment: ({ resources, config }) => {
        const deployment = catalogDeployment(resources, config);
        const create = deployment.functions.find((fn) => fn.name === 'createRequest')!;
        create.statements = create.statements.filter(
          (statement) => !statement.Action.includes('states:StartExecution'),
        );
        return deployment;
      },
    });
    try {
      const response = await b.api('POST', '/v1/requests', {
        token: b.description.tokens.requester,
        body: auditRequest(),
      });
      expect(response.status).toBe(500);
      expect(await readFile(join(b.home, 'logs', 'createRequest.log'), 'utf8')).toContain(
        'AccessDeniedException',
      );
    } finally {
      await b.close();
    }
  }, 60_000);

  it('fails at cold start when a function loses a variable, or a capability from its declaration', async () => {
    const b = await startBrokerUnderTest({
      deployment: ({ resources, config }) => {
        const deployment = catalogDeployment(resources, config, (name) => {
          const declaration = declarationOf(name);
          if (name !== 'createRequest') return declaration;
          return { ...declaration, uses: declaration.uses.filter((use) => use !== 'startWorkflow') };
        });
        const get = deployment.functions.find((fn) => fn.name === 'getRequest')!;
        delete get.environment.BROKER_TABLE_NAME;
        return deployment;
      },
    });
    try {
      expect((await b.api('GET', '/v1/requests/01abc', { token: b.description.tokens.admin })).status).toBe(
        500,
      );
      expect(b.lambda.failures()).toMatchObject({
        [`local-access-broker-get-request`]: ['MissingEnvironmentError'],
      });
      const created = await b.api('POST', '/v1/requests', {
        token: b.description.tokens.requester,
        body: auditRequest(),
      });
      expect(created.status).toBe(500);
      expect(b.lambda.failures()).toMatchObject({
        [`local-access-broker-create-request`]: ['MissingEnvironmentError'],
      });
    } finally {
      await b.close();
    }
  }, 60_000);
});
