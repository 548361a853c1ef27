import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { iamDataCatalog } from '../policy/iam-action-catalog';
import { loadConfig } from './load-config';

const shipped = (name: string) => {
  const raw = JSON.parse(readFileSync(new URL(`../../../../config/${name}`, import.meta.url), 'utf8'));
  // The local runtime adds its tokens' clients at start, as a deployment lists its own.
  if (name === 'local.json')
    raw.apiClients = ['requester', 'requester2', 'approver', 'approver2', 'admin'].map((id) => ({
      id,
      tokenSha256: 'a'.repeat(64),
      scopes: ['requests:read'],
    }));
  return raw;
};

async function configError(raw: unknown): Promise<ConfigError> {
  const error = await loadConfig(raw, iamDataCatalog).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfig', () => {
  it.each(['local.json', 'production.example.json'])('accepts the shipped %s', async (name) => {
    const config = await loadConfig(shipped(name), iamDataCatalog);
    expect(Object.keys(config.profiles)).toEqual(
      expect.arrayContaining(['s3-audit-read', 'security-audit', 'read-only']),
    );
  });

  it('names every bad field of a config at once, one per line', async () => {
    const raw = shipped('local.json');
    raw.broker.region = 'nowhere';
    raw.limits.maxDuration = 'forever';
    raw.profiles['read-only'].approval.approvalsRequired = 0;
    delete raw.people.approver.displayName;
    const error = await configError(raw);
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'broker.region',
      'limits.maxDuration',
      'people.approver.displayName',
      'profiles.read-only.approval.approvalsRequired',
    ]);
    expect(error.message.split('\n')).toHaveLength(5);
  });

  it('lets the local config watch expiry live and production start at 15 minutes', async () => {
    expect((await loadConfig(shipped('local.json'), iamDataCatalog)).limits.minDuration).toBe('PT10S');
    expect((await loadConfig(shipped('production.example.json'), iamDataCatalog)).limits.minDuration).toBe(
      'PT15M',
    );
  });

  it.each([
    ['a bad duration', (c: any) => (c.limits.maxDuration = 'forever'), 'limits.maxDuration', /ISO-8601/],
    ['min above max', (c: any) => (c.limits.minDuration = 'P30D'), 'limits.minDuration', /longer than/],
    [
      'an unknown approver group',
      (c: any) => (c.profiles['read-only'].approval.approverGroup = 'nobody'),
      'profiles.read-only.approval.approverGroup',
      /names no group/,
    ],
    [
      'more approvals than approvers',
      (c: any) => (c.profiles['read-only'].approval.approvalsRequired = 9),
      'profiles.read-only.approval.approvalsRequired',
      /needs 9/,
    ],
    [
      'a wildcard profile action',
      (c: any) => (c.profiles['s3-audit-read'].statements[0].Action = ['s3:*']),
      'profiles.s3-audit-read.statements[0].Action[0]',
      /wildcard/,
    ],
    [
      'an unknown profile action',
      (c: any) => (c.profiles['s3-audit-read'].statements[1].Action = ['s3:ReadEverything']),
      'profiles.s3-audit-read.statements[1].Action[0]',
      /AWS knows/,
    ],
    [
      'an undeclared placeholder',
      (c: any) => (c.profiles['s3-audit-read'].statements[1].Resource = 'arn:aws:s3:::{{prefix}}/*'),
      'profiles.s3-audit-read.statements',
      /{{prefix}}/,
    ],
    [
      'a rule only Slack approvers could satisfy, on the API alone',
      (c: any) => {
        // Two API approvals needed: dana and priya are in the group, but priya no longer signs in.
        c.people.priya.oidcSubjects = [];
        c.people.priya.emails = [];
      },
      'profiles.read-only.approval.approvalsRequired',
      /could never be approved/,
    ],
    [
      'a group naming nobody in people',
      (c: any) => c.approverGroups.security.people.push('mallory'),
      'approverGroups.security.people[2]',
      /names no one/,
    ],
    [
      'one Slack id shared by two people',
      (c: any) => c.people.marco.slackUserIds.push('U0SECLEAD1'),
      'people.marco',
      /one identity, one person/,
    ],
    [
      'a person naming a client that does not exist',
      (c: any) => (c.people.dana.apiClients = ['ghost']),
      'people.dana.apiClients[0]',
      /names no client/,
    ],
    [
      'an identity provider over plain http',
      (c: any) => (c.oidc.issuer = 'http://idp.example.com'),
      'oidc.issuer',
      /https/,
    ],
    [
      'a client id shaped like a signed-in identity',
      (c: any) => (c.apiClients[0].id = 'oidc:priya@example.com'),
      'apiClients[0].id',
      /no ":"/,
    ],
    [
      'an IdP group granting a scope that does not exist',
      (c: any) => (c.oidc.groupScopes['aws-access-approvers'] = ['requests:everything']),
      'oidc.groupScopes.aws-access-approvers[0]',
      /requests:create/,
    ],
    ['an unknown key', (c: any) => (c.limits.maxDurationn = 'PT1H'), 'limits', /maxDurationn/],
    [
      'a key nothing reads',
      (c: any) => (c.limits.reminderAfterExpiry = 'PT1H'),
      'limits',
      /reminderAfterExpiry/,
    ],
    [
      'a session duration IAM refuses',
      (c: any) => (c.limits.maxSessionDuration = 'PT13H'),
      'limits.maxSessionDuration',
      /1 to 12 hours/,
    ],
    [
      'a sensitive action allowed in custom policies',
      (c: any) =>
        (c.customPolicies = {
          ...c.customPolicies,
          allowedActions: ['ec2:StartInstances', 'codebuild:StartBuildBatch'],
        }),
      'customPolicies.allowedActions[1]',
      /code execution.*no custom policy may hold it/,
    ],
    [
      'an unknown action allowed in custom policies',
      (c: any) => (c.customPolicies = { ...c.customPolicies, allowedActions: ['ec2:LaunchEverything'] }),
      'customPolicies.allowedActions[0]',
      /not an IAM action/,
    ],
    [
      'a bad token hash',
      (c: any) => (c.apiClients = [{ id: 'x', tokenSha256: 'secret', scopes: [] }]),
      'apiClients[0].tokenSha256',
      /SHA-256/,
    ],
  ])('refuses %s, naming the field', async (_case, mutate, field, reason) => {
    const raw = shipped('production.example.json');
    mutate(raw);
    const error = await configError(raw);
    const issue = error.issues.find((candidate) => candidate.field === field);
    expect(issue?.reason, JSON.stringify(error.issues)).toMatch(reason);
  });
});

describe('sensitive actions in profiles', () => {
  const withDeployProfile = (sensitiveActions?: string[]) => {
    const raw = shipped('production.example.json');
    raw.profiles['lambda-deploy'] = {
      description: 'Ship one function',
      statements: [
        {
          Effect: 'Allow',
          Action: ['lambda:UpdateFunctionCode'],
          Resource: 'arn:{{partition}}:lambda:eu-west-1:{{accountId}}:function:billing',
        },
      ],
      ...(sensitiveActions ? { sensitiveActions } : {}),
      approval: { approverGroup: 'security', approvalsRequired: 2, channels: ['api'] },
    };
    return raw;
  };

  it('refuses a profile granting a code-execution action it does not list', async () => {
    const error = await configError(withDeployProfile());
    expect(error.issues).toContainEqual({
      field: 'profiles.lambda-deploy.statements[0].Action[0]',
      reason: expect.stringMatching(/code execution.*sensitiveActions/),
    });
  });

  it('accepts it when the profile lists it, under its own approval rule', async () => {
    const config = await loadConfig(withDeployProfile(['lambda:UpdateFunctionCode']), iamDataCatalog);
    expect(config.profiles['lambda-deploy']!.sensitiveActions).toEqual(['lambda:UpdateFunctionCode']);
  });
});
