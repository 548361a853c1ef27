import { describe, expect, it } from 'vitest';
import { zxcvbnStrength } from './external-id-strength';
import { ValidationError } from '../errors';
import { iamDataCatalog } from '../policy/iam-action-catalog';
import { auditRequestBody, testConfig } from '../testing';
import { validateAccessRequest } from './validate-access-request';

const config = testConfig();
const now = new Date('2026-11-23T12:00:00Z');
const validate = (body: unknown) =>
  validateAccessRequest(body, { config, catalog: iamDataCatalog, strength: zxcvbnStrength, now });
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const custom = (document: unknown, extra: Record<string, unknown> = {}) =>
  auditRequestBody({ profile: undefined, parameters: undefined, policy: document, ...extra });
const allow = (Action: unknown, Resource: unknown = 'arn:aws:s3:::awsproduction345/*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});

// [what, body, field the error must name, words the reason must contain]
const hostile: [string, unknown, string, RegExp][] = [
  ['wildcard principal', auditRequestBody({ principal: '*' }), 'principal', /wildcard/],
  [
    'wildcard inside a role ARN',
    auditRequestBody({ principal: 'arn:aws:iam::111122223333:role/*' }),
    'principal',
    /wildcard/,
  ],
  [
    'service principal',
    auditRequestBody({ principal: 'ec2.amazonaws.com' }),
    'principal',
    /service principal/,
  ],
  [
    'service principal (China)',
    auditRequestBody({ principal: 'lambda.amazonaws.com.cn' }),
    'principal',
    /service principal/,
  ],
  ['11-digit account', auditRequestBody({ principal: '11112222333' }), 'principal', /12 digits/],
  ['13-digit account', auditRequestBody({ principal: '1111222233334' }), 'principal', /12 digits/],
  [
    'Cyrillic look-alike in ARN',
    auditRequestBody({ principal: 'arn:aws:iam::111122223333:role/Аuditor' }),
    'principal',
    /ASCII/,
  ],
  ['fullwidth digits', auditRequestBody({ principal: '１１１１２２２２３３３３' }), 'principal', /ASCII/],
  ['trailing space', auditRequestBody({ principal: '111122223333 ' }), 'principal', /ASCII/],
  [
    'unknown partition',
    auditRequestBody({ principal: 'arn:aws-eu:iam::111122223333:role/Auditor' }),
    'principal',
    /account id or an IAM role/,
  ],
  [
    'group ARN',
    auditRequestBody({ principal: 'arn:aws:iam::111122223333:group/Auditors' }),
    'principal',
    /account id or an IAM role/,
  ],
  [
    'session ARN',
    auditRequestBody({ principal: 'arn:aws:sts::111122223333:assumed-role/Auditor/s1' }),
    'principal',
    /session/,
  ],
  [
    'role name too long',
    auditRequestBody({ principal: `arn:aws:iam::111122223333:role/${'a'.repeat(65)}` }),
    'principal',
    /IAM role/,
  ],
  ['principal not a string', auditRequestBody({ principal: 111122223333 }), 'principal', /string/],
  ['missing principal', auditRequestBody({ principal: undefined }), 'principal', /./],
  ['"*" action', custom(policy(allow('*'))), 'policy.Statement[0].Action[0]', /wildcard action/],
  ['service-wide action', custom(policy(allow('s3:*'))), 'policy.Statement[0].Action[0]', /wildcard/],
  [
    'partial wildcard action',
    custom(policy(allow(['s3:Get*']))),
    'policy.Statement[0].Action[0]',
    /wildcard/,
  ],
  ['iam:*', custom(policy(allow('iam:*'))), 'policy.Statement[0].Action[0]', /wildcard/],
  [
    'denied service iam',
    custom(policy(allow('iam:CreateUser', 'arn:aws:iam::123456789012:user/x'))),
    'policy.Statement[0].Action[0]',
    /iam service is denied/,
  ],
  [
    'denied service sts',
    custom(policy(allow('sts:AssumeRole', 'arn:aws:iam::123456789012:role/x'))),
    'policy.Statement[0].Action[0]',
    /sts service is denied/,
  ],
  [
    'denied service organizations',
    custom(policy(allow('organizations:LeaveOrganization', '*'))),
    'policy.Statement[0].Action[0]',
    /organizations service is denied/,
  ],
  [
    'unknown action',
    custom(policy(allow('s3:GetObjectz'))),
    'policy.Statement[0].Action[0]',
    /not an IAM action AWS knows/,
  ],
  [
    'unknown service',
    custom(policy(allow('nosuchservice:Get'))),
    'policy.Statement[0].Action[0]',
    /not an IAM action AWS knows/,
  ],
  ['malformed action', custom(policy(allow('GetObject'))), 'policy.Statement[0].Action[0]', /service:Action/],
  [
    'NotAction',
    custom(policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })),
    'policy.Statement[0].NotAction',
    /not allowed/,
  ],
  [
    'NotResource',
    custom(policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::x/*' })),
    'policy.Statement[0].NotResource',
    /not allowed/,
  ],
  [
    'Principal in identity policy',
    custom(policy({ ...allow('s3:GetObject'), Principal: '*' })),
    'policy.Statement[0].Principal',
    /not allowed/,
  ],
  [
    'Resource "*" on object action',
    custom(policy(allow('s3:GetObject', '*'))),
    'policy.Statement[0].Action[0]',
    /resource-level/,
  ],
  [
    'Resource "*" in a list',
    custom(policy(allow(['s3:ListBucket'], ['arn:aws:s3:::b', '*']))),
    'policy.Statement[0].Action[0]',
    /resource-level/,
  ],
  [
    'resource not an ARN',
    custom(policy(allow('s3:GetObject', 'my-bucket/*'))),
    'policy.Statement[0].Resource[0]',
    /not an ARN/,
  ],
  [
    'service-wide resource ARN',
    custom(policy(allow('ec2:StartInstances', 'arn:aws:ec2:eu-west-1:123456789012:*'))),
    'policy.Statement[0].Resource[0]',
    /every resource/,
  ],
  [
    'oversize policy',
    custom(
      policy(
        ...Array.from({ length: 60 }, (_, i) =>
          allow('s3:GetObject', `arn:aws:s3:::bucket-${i}-${'x'.repeat(150)}/*`),
        ),
      ),
    ),
    'policy',
    /10240|10,240/,
  ],
  [
    'wrong policy Version',
    custom({ Version: '2008-10-17', Statement: [allow('s3:GetObject')] }),
    'policy.Version',
    /2012-10-17/,
  ],
  ['no statements', custom({ Version: '2012-10-17', Statement: [] }), 'policy.Statement', /./],
  [
    'Effect maybe',
    custom(policy({ ...allow('s3:GetObject'), Effect: 'Maybe' })),
    'policy.Statement[0].Effect',
    /./,
  ],
  [
    'both profile and policy',
    auditRequestBody({ policy: policy(allow('s3:GetObject')) }),
    'profile',
    /exactly one/,
  ],
  [
    'neither profile nor policy',
    auditRequestBody({ profile: undefined, parameters: undefined }),
    'profile',
    /exactly one/,
  ],
  ['unknown profile', auditRequestBody({ profile: 'admin' }), 'profile', /not a configured profile/],
  ['prototype as profile', auditRequestBody({ profile: '__proto__' }), 'profile', /not a configured profile/],
  ['missing parameter', auditRequestBody({ parameters: {} }), 'parameters.bucket', /required/],
  [
    'wildcard bucket parameter',
    auditRequestBody({ parameters: { bucket: '*' } }),
    'parameters.bucket',
    /must match/,
  ],
  [
    'injected bucket parameter',
    auditRequestBody({ parameters: { bucket: 'a/*", "Resource": "*' } }),
    'parameters.bucket',
    /must match/,
  ],
  [
    'unknown parameter',
    auditRequestBody({ parameters: { bucket: 'awsproduction345', prefix: 'x' } }),
    'parameters.prefix',
    /not a parameter/,
  ],
  ['negative duration', auditRequestBody({ duration: '-PT2H' }), 'duration', /positive/],
  ['zero duration', auditRequestBody({ duration: 'PT0S' }), 'duration', /longer than zero/],
  ['duration below minimum', auditRequestBody({ duration: 'PT5M' }), 'duration', /at least PT15M/],
  ['duration above profile maximum', auditRequestBody({ duration: 'P5D' }), 'duration', /at most P3D/],
  ['duration in months', auditRequestBody({ duration: 'P1M' }), 'duration', /months/],
  ['duration not ISO', auditRequestBody({ duration: '2 hours' }), 'duration', /ISO-8601/],
  ['bare P duration', auditRequestBody({ duration: 'P' }), 'duration', /ISO-8601/],
  ['missing justification', auditRequestBody({ justification: '   ' }), 'justification', /required/],
  ['missing ticket where required', auditRequestBody({ ticket: undefined }), 'ticket', /required/],
  [
    'http ticket URL',
    auditRequestBody({ ticket: { system: 'jira', key: 'SEC-1', url: 'http://jira/x' } }),
    'ticket.url',
    /https/,
  ],
  [
    'javascript ticket URL',
    auditRequestBody({ ticket: { system: 'jira', key: 'SEC-1', url: 'javascript:alert(1)' } }),
    'ticket.url',
    /https/,
  ],
  ['unknown top-level field', auditRequestBody({ status: 'APPROVED' }), '(root)', /status/],
  ['approval smuggled in', auditRequestBody({ approvals: [{ by: 'alice' }] }), '(root)', /approvals/],
  [
    'bad Slack user id',
    auditRequestBody({ requester: { id: 'dave', slackUserId: 'dave' } }),
    'requester.slackUserId',
    /Slack user id/,
  ],
  [
    'unconfigured target account',
    auditRequestBody({ targetAccountId: '999999999999' }),
    'targetAccountId',
    /not an account/,
  ],
  ['short target account', auditRequestBody({ targetAccountId: '12345' }), 'targetAccountId', /12-digit/],
  ['startAt in the past', auditRequestBody({ startAt: '2026-11-22T12:00:00Z' }), 'startAt', /past/],
  ['startAt without zone', auditRequestBody({ startAt: '2026-11-24T12:00:00' }), 'startAt', /time zone/],
  [
    'startAt too far ahead',
    auditRequestBody({ startAt: '2027-06-01T12:00:00Z' }),
    'startAt',
    /further ahead/,
  ],
  ['short External ID', auditRequestBody({ externalId: 'abc123' }), 'externalId', /at least 16/],
  ['one-character External ID', auditRequestBody({ externalId: 'a' }), 'externalId', /AWS STS rules/],
  [
    'External ID with spaces',
    auditRequestBody({ externalId: 'correct horse battery staple' }),
    'externalId',
    /AWS STS rules/,
  ],
  [
    'External ID with unicode',
    auditRequestBody({ externalId: 'ünïcödé-external-id-value' }),
    'externalId',
    /AWS STS rules/,
  ],
  [
    'all-digit External ID',
    auditRequestBody({ externalId: '12345678901234567890' }),
    'externalId',
    /all digits/,
  ],
  [
    'External ID = principal ARN',
    auditRequestBody({
      principal: 'arn:aws:iam::111122223333:user/ab-cd',
      externalId: 'arn:aws:iam::111122223333:user/ab-cd',
    }),
    'externalId',
    /equals/,
  ],
  [
    'External ID of dictionary words',
    auditRequestBody({ externalId: 'MyCompanyExternalId-2026' }),
    'externalId',
    /dictionary/,
  ],
  [
    'repetitive External ID',
    auditRequestBody({ externalId: 'abababababababababab' }),
    'externalId',
    /distinct/,
  ],
  [
    'sequential External ID',
    auditRequestBody({ externalId: 'abcdefghijklmnopqrst' }),
    'externalId',
    /consecutive/,
  ],
  ['oversize External ID', auditRequestBody({ externalId: 'x'.repeat(1300) }), 'externalId', /1,224/],
  ['body is an array', [], '(root)', /object/],
  ['body is null', null, '(root)', /object/],
];

describe('validateAccessRequest', () => {
  it(`covers at least 40 hostile inputs (${hostile.length})`, () => {
    expect(hostile.length).toBeGreaterThanOrEqual(40);
  });

  it.each(hostile)('rejects %s', async (_what, body, field, reason) => {
    // Act
    const error = await validate(body).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((issue) => issue.field)).toContain(field);
    expect(issues.find((issue) => issue.field === field)?.reason).toMatch(reason);
  });

  it('accepts the consulting-firm audit and normalises it', async () => {
    const request = await validate(auditRequestBody({ principal: '111122223333' }));
    expect(request.principal).toEqual({
      arn: 'arn:aws:iam::111122223333:root',
      accountId: '111122223333',
      partition: 'aws',
      kind: 'account',
    });
    expect(request.targetAccountId).toBe('123456789012');
    expect(request.durationSeconds).toBe(7200);
    expect(request.statements.flatMap((statement) => statement.Resource)).toEqual([
      'arn:aws:s3:::awsproduction345',
      'arn:aws:s3:::awsproduction345/*',
      '*',
    ]);
    expect(request.externalIdSource).toBe('generated');
    expect(request.externalId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('keeps a strong External ID the third party supplies', async () => {
    const request = await validate(auditRequestBody({ externalId: 'vendor-tenant-7Qx9-2f8KpL3mZ' }));
    expect(request).toMatchObject({
      externalId: 'vendor-tenant-7Qx9-2f8KpL3mZ',
      externalIdSource: 'supplied',
    });
  });

  it('accepts a custom policy within the guardrails', async () => {
    const request = await validate(
      custom(policy(allow(['s3:GetObject', 's3:GetObjectTagging']), allow('s3:ListAllMyBuckets', '*'))),
    );
    expect(request.statements).toHaveLength(2);
    expect(request.profile).toBeUndefined();
  });

  it('reports every problem of a request at once', async () => {
    const error = (await validate(
      auditRequestBody({ principal: '*', duration: 'PT1M', ticket: undefined }),
    ).catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((issue) => issue.field).sort()).toEqual(['duration', 'principal', 'ticket']);
  });
});

describe('parameter names from Object.prototype', () => {
  it.each(['toString', 'hasOwnProperty', 'constructor', 'valueOf'])(
    'refuses %s as an unknown parameter, naming it',
    async (name) => {
      const error = await validateAccessRequest(
        auditRequestBody({ parameters: { bucket: 'awsproduction345', [name]: 'x' } }),
        {
          config: testConfig(),
          catalog: iamDataCatalog,
          strength: zxcvbnStrength,
          now: new Date('2026-11-23T12:00:00Z'),
        },
      ).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toContainEqual({
        field: `parameters.${name}`,
        reason: 'is not a parameter of this profile',
      });
    },
  );

  it('refuses __proto__ as a parameter name', async () => {
    const body = JSON.parse(
      '{"principal":"arn:aws:iam::111122223333:role/ThirdPartyAuditor","profile":"s3-audit-read","parameters":{"bucket":"awsproduction345","__proto__":"x"},"duration":"PT2H","justification":"SOC 2","requester":{"id":"dave"},"ticket":{"system":"jira","key":"SEC-1"}}',
    );
    const error = await validateAccessRequest(body, {
      config: testConfig(),
      catalog: iamDataCatalog,
      strength: zxcvbnStrength,
      now: new Date('2026-11-23T12:00:00Z'),
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ValidationError);
  });
});

describe('guardrails strong enough for custom policies', () => {
  const issuesOf = async (body: unknown) => {
    const error = await validate(body).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  };

  it.each([
    ['s3:GetObject', 'arn:aws:s3:::*/*'],
    ['s3:GetObject', 'arn:aws:s3:::?*'],
    ['lambda:GetFunction', 'arn:aws:lambda:eu-west-1:123456789012:function:*'],
    ['ec2:DescribeInstanceAttribute', 'arn:aws:ec2:eu-west-1:123456789012:instance/*'],
  ])('refuses %s on %s: a wildcard before the resource is named', async (action, resource) => {
    const issues = await issuesOf(custom(policy({ Effect: 'Allow', Action: [action], Resource: resource })));
    expect(issues).toContainEqual({
      field: 'policy.Statement[0].Resource[0]',
      reason: expect.stringMatching(/wildcard before/),
    });
  });

  it('refuses a wildcard region or account', async () => {
    const issues = await issuesOf(
      custom(
        policy({
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: 'arn:aws:dynamodb:*:123456789012:table/orders',
        }),
      ),
    );
    expect(issues.map((issue) => issue.field)).toContain('policy.Statement[0].Resource[0]');
  });

  it('accepts a wildcard in the tail of a named resource', async () => {
    await expect(
      validate(
        custom(
          policy({
            Effect: 'Allow',
            Action: ['s3:GetObject'],
            Resource: 'arn:aws:s3:::awsproduction345/evidence/*',
          }),
        ),
      ),
    ).resolves.toBeDefined();
  });

  it.each([
    ['lambda:UpdateFunctionCode', 'arn:aws:lambda:eu-west-1:123456789012:function:billing', /code execution/],
    ['ssm:SendCommand', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', /code execution/],
    ['ssm:StartSession', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', /code execution/],
    ['codebuild:StartBuild', 'arn:aws:codebuild:eu-west-1:123456789012:project/deploy', /code execution/],
    [
      'cloudformation:UpdateStack',
      'arn:aws:cloudformation:eu-west-1:123456789012:stack/app/1',
      /code execution/,
    ],
    ['kms:PutKeyPolicy', 'arn:aws:kms:eu-west-1:123456789012:key/1234', /permissions management/],
    ['s3:PutBucketPolicy', 'arn:aws:s3:::awsproduction345', /permissions management/],
    ['sso:CreateAccountAssignment', '*', /identities/],
    ['identitystore:CreateUser', '*', /identities/],
    ['cloudtrail:StopLogging', 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/org', /defence evasion/],
    ['cloudtrail:DeleteTrail', 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/org', /defence evasion/],
  ])('refuses %s in a custom policy', async (action, resource, why) => {
    const issues = await issuesOf(custom(policy({ Effect: 'Allow', Action: [action], Resource: resource })));
    expect(issues).toContainEqual({
      field: 'policy.Statement[0].Action[0]',
      reason: expect.stringMatching(why),
    });
  });

  it.each([
    ['codebuild:StartBuildBatch', 'arn:aws:codebuild:eu-west-1:123456789012:project/deploy'],
    ['codebuild:RetryBuild', 'arn:aws:codebuild:eu-west-1:123456789012:build/deploy:1'],
    ['ssm:CreateAssociationBatch', '*'],
    ['sagemaker:CreatePresignedDomainUrl', 'arn:aws:sagemaker:eu-west-1:123456789012:user-profile/d-1/ada'],
    ['glue:UpdateJob', 'arn:aws:glue:eu-west-1:123456789012:job/etl'],
    ['ec2:CreateLaunchTemplateVersion', 'arn:aws:ec2:eu-west-1:123456789012:launch-template/lt-0abc'],
    ['logs:DeleteSubscriptionFilter', 'arn:aws:logs:eu-west-1:123456789012:log-group:audit'],
    ['cloudwatch:DisableAlarmActions', 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:root-login'],
    ['events:DisableRule', 'arn:aws:events:eu-west-1:123456789012:rule/guard'],
  ])('refuses %s in a custom policy, even when the config allows it by name', async (action, resource) => {
    const body = custom(policy({ Effect: 'Allow', Action: [action], Resource: resource }));
    const issues = await issuesOf(body);
    expect(issues).toContainEqual({
      field: 'policy.Statement[0].Action[0]',
      reason: expect.stringMatching(/refused|access level/),
    });
    const config = testConfig();
    config.customPolicies!.allowedActions = [action];
    const named = await validateAccessRequest(body, {
      config,
      catalog: iamDataCatalog,
      strength: zxcvbnStrength,
      now: new Date('2026-11-23T12:00:00Z'),
    }).catch((thrown: unknown) => thrown);
    expect((named as ValidationError).issues).toContainEqual({
      field: 'policy.Statement[0].Action[0]',
      reason: expect.stringMatching(/is refused: it (runs code|can hide)/),
    });
  });

  it('holds a custom policy to Read and List actions, unless the config names the action', async () => {
    const body = custom(
      policy({
        Effect: 'Allow',
        Action: ['ec2:StartInstances'],
        Resource: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc',
      }),
    );
    expect(await issuesOf(body)).toEqual([
      {
        field: 'policy.Statement[0].Action[0]',
        reason: expect.stringMatching(
          /ec2:StartInstances is at IAM's Write access level: .*customPolicies\.allowedActions/,
        ),
      },
    ]);
    const config = testConfig();
    config.customPolicies!.allowedActions = ['ec2:StartInstances'];
    await expect(
      validateAccessRequest(body, {
        config,
        catalog: iamDataCatalog,
        strength: zxcvbnStrength,
        now: new Date('2026-11-23T12:00:00Z'),
      }),
    ).resolves.toMatchObject({ statements: [{ Action: ['ec2:StartInstances'] }] });
  });

  it.each([
    ['dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:123456789012:table/prod-access-broker-Grants'],
    [
      'states:SendTaskSuccess',
      'arn:aws:states:eu-west-1:123456789012:stateMachine:prod-access-broker-approval',
    ],
    [
      'scheduler:DeleteSchedule',
      'arn:aws:scheduler:eu-west-1:123456789012:schedule/prod-access-broker/expire-01a',
    ],
    [
      'ssm:GetParameter',
      'arn:aws:ssm:eu-west-1:123456789012:parameter/sst/access-broker/prod/Secret/SLACK_BOT_TOKEN/value',
    ],
    ['events:PutEvents', 'arn:aws:events:eu-west-1:123456789012:event-bus/prod-access-broker-Events'],
  ])("refuses %s on the broker's own %s", async (action, resource) => {
    const issues = await issuesOf(custom(policy({ Effect: 'Allow', Action: [action], Resource: resource })));
    expect(issues).toContainEqual({
      field: 'policy.Statement[0].Resource[0]',
      reason: expect.stringMatching(/broker's own/),
    });
  });
});

describe('lesser findings', () => {
  it.each([
    '111122223333ThirdPartyAuditor',
    'ThirdPartyAuditor-111122223333',
    'thirdpartyauditor_SEC-123_audit',
  ])('refuses %s as an External ID built from the request itself', async (externalId) => {
    const error = await validate(auditRequestBody({ externalId })).catch((thrown: unknown) => thrown);
    expect((error as ValidationError).issues).toContainEqual({
      field: 'externalId',
      reason: expect.stringMatching(/guessable/),
    });
  });

  it('still accepts a vendor External ID that merely mentions the account', async () => {
    await expect(
      validate(auditRequestBody({ externalId: '111122223333-Zq8s51kQ3x0Pmv7T' })),
    ).resolves.toBeDefined();
  });

  it('refuses a principal in another partition before anyone approves it', async () => {
    const error = await validate(
      auditRequestBody({ principal: 'arn:aws-cn:iam::111122223333:role/ThirdPartyAuditor' }),
    ).catch((thrown: unknown) => thrown);
    expect((error as ValidationError).issues).toContainEqual({
      field: 'principal',
      reason: expect.stringMatching(/aws-cn partition/),
    });
  });
});

describe('every bad field in one answer', () => {
  const fields = async (body: unknown) => {
    const error = await validate(body).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => issue.field).sort();
  };

  it('names the missing fields and the invalid ones together', async () => {
    expect(await fields({ principal: '*', profile: 'nope', duration: 'P99D' })).toEqual([
      'duration',
      'justification',
      'principal',
      'profile',
      'requester',
    ]);
  });

  it('checks the well-formed fields while others are malformed, and names each field once', async () => {
    expect(
      await fields(
        auditRequestBody({
          principal: 'ec2.amazonaws.com',
          duration: 42,
          ticket: { system: 'jira' },
          targetAccountId: '999999999999',
          color: 'red',
        }),
      ),
    ).toEqual(['(root)', 'duration', 'principal', 'targetAccountId', 'ticket.key']);
  });

  it('says only what the schema says of a body that is not an object', async () => {
    expect(await fields('not an object')).toEqual(['(root)']);
    expect(await fields(null)).toEqual(['(root)']);
  });
});
