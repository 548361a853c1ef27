import {
  APPROVAL_CHANNELS,
  AUDIT_ACTIONS,
  GRANT_STATUSES,
  PARTITIONS,
  REVOKE_REASONS,
  SCOPES,
} from '@access-broker/core';
import * as z from 'zod';

// What the API answers, as zod schemas: the OpenAPI document is generated from them and the route handlers
// are typed by them. Objects are strict, so the document lists every field a response carries.

const timestamp = z.iso.datetime({ offset: true });
const status = z.enum(GRANT_STATUSES).meta({ id: 'Status' });
export const scopeList = z.array(z.enum(SCOPES).meta({ id: 'Scope' }));

const approval = z.strictObject({
  by: z.string().meta({
    description:
      'The identity that approved: an API client id, oidc:<person> when signed in, or a Slack user id',
  }),
  person: z.string().optional().meta({ description: 'The person behind it; N-of-M counts people' }),
  email: z.string().optional().meta({
    description: 'The email the identity provider verified, for an approver the config does not list',
  }),
  channel: z.enum(APPROVAL_CHANNELS),
  at: timestamp,
  comment: z.string().optional(),
});

const linksSchema = z
  .strictObject({
    self: z.string(),
    decision: z.string(),
    extend: z.string(),
    revoke: z.string(),
    audit: z.string(),
  })
  .meta({ id: 'Links' });

const grant = z.strictObject({
  roleArn: z.string(),
  expiresAt: timestamp,
  usableFrom: timestamp.optional().meta({ description: 'When IAM has propagated the role everywhere' }),
  externalId: z.string().optional().meta({ description: 'Only for viewers who may see credentials' }),
  awsCliProfile: z
    .string()
    .optional()
    .meta({ description: 'The ~/.aws/config profile the third party pastes (with the External ID)' }),
  roles: z
    .array(
      z.strictObject({
        accountId: z.string(),
        roleArn: z.string(),
        awsCliProfile: z.string().optional().meta({ description: 'One profile per account' }),
      }),
    )
    .optional()
    .meta({ description: 'An organization-wide grant: its role in every account (the first is roleArn)' }),
});

export const requestViewSchema = z
  .strictObject({
    id: z.string(),
    status,
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
    principal: z.strictObject({
      arn: z.string(),
      accountId: z.string(),
      partition: z.enum(PARTITIONS),
      kind: z.enum(['account', 'role', 'user']),
    }),
    targetAccountId: z.string(),
    targetAccountIds: z
      .array(z.string())
      .optional()
      .meta({ description: 'An organization-wide request: every account, under one approval and expiry' }),
    credentials: z
      .literal('access-key')
      .optional()
      .meta({ description: 'An access-key vendor: the principal is the IAM user the broker makes for it' }),
    accessKey: z
      .strictObject({ userName: z.string(), userArn: z.string(), accessKeyId: z.string() })
      .optional()
      .meta({ description: 'The key user and its key id; the secret goes to the vendor only, encrypted' }),
    profile: z.string().optional(),
    parameters: z.record(z.string(), z.string()).optional(),
    statements: z.array(
      z.strictObject({
        Sid: z.string().optional(),
        Effect: z.enum(['Allow', 'Deny']),
        Action: z.array(z.string()),
        Resource: z.array(z.string()),
        Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
      }),
    ),
    managedPolicyArns: z.array(z.string()),
    duration: z.string().meta({ description: 'ISO-8601 duration of the grant' }),
    justification: z.string(),
    requester: z.strictObject({
      id: z.string().meta({ description: 'Who asked, as the request named them' }),
      person: z.string().optional().meta({ description: 'The person the broker took that name for' }),
      slackUserId: z.string().optional(),
    }),
    createdBy: z.string().meta({ description: 'The API client that filed the request' }),
    ticket: z.strictObject({ system: z.string(), key: z.string(), url: z.string().optional() }).optional(),
    externalIdSource: z.enum(['supplied', 'generated', 'vendor']).meta({
      description: "Who made the External ID: the broker, the request, or the vendor's registration",
    }),
    vendor: z.strictObject({ id: z.string(), displayName: z.string() }).optional(),
    startAt: timestamp.optional(),
    approvals: z.array(approval),
    decision: z
      .strictObject({
        outcome: z.enum(['approved', 'denied', 'expired', 'cancelled']),
        by: z.string(),
        at: timestamp,
        comment: z.string().optional(),
      })
      .optional(),
    roleName: z.string().optional(),
    roleArn: z.string().optional(),
    activatedAt: timestamp.optional(),
    expiresAt: timestamp.optional(),
    usableFrom: timestamp.optional(),
    revocation: z
      .strictObject({
        reason: z.enum(REVOKE_REASONS),
        by: z.string(),
        comment: z.string().optional(),
        startedAt: timestamp,
        attempts: z.number().int(),
        lastError: z.string().optional(),
        completedAt: timestamp.optional(),
      })
      .optional(),
    failure: z.strictObject({ reason: z.string(), at: timestamp }).optional(),
    extension: z
      .strictObject({
        duration: z.string(),
        durationSeconds: z.number().int(),
        justification: z.string(),
        requestedBy: z.string(),
        requestedAt: timestamp,
        approvals: z.array(approval),
        approved: z.boolean(),
      })
      .optional()
      .meta({ description: 'A pending request for more time' }),
    displayNames: z.record(z.string(), z.string()).optional().meta({
      description:
        "People's display names, keyed by how the request names them (decision.by, revocation.by, an approval's by, extension.requestedBy, createdBy, requester.id)",
    }),
    pendingDecision: z
      .strictObject({
        approverGroup: z.string(),
        approvalsRequired: z.number().int().meta({ description: 'Distinct people, N of the group' }),
        decideBy: timestamp.meta({ description: 'When the wait ends unanswered (the approval timeout)' }),
        forExtension: z.boolean().meta({ description: 'The decision is on an extension, not the request' }),
      })
      .optional()
      .meta({ description: 'Present while the request, or its extension, waits for approvers' }),
    links: linksSchema,
    grant: grant.optional().meta({ description: 'Present while the request is ACTIVE' }),
  })
  .meta({ id: 'Request' });

const requestSummarySchema = z
  .strictObject({
    id: z.string(),
    status,
    principal: z.string().meta({ description: "The third party's principal ARN" }),
    vendor: z.string().optional().meta({ description: 'The registered vendor the request named, by id' }),
    awaiting: z
      .enum(['request', 'extension'])
      .optional()
      .meta({ description: 'What approvers are asked to decide now: the request, or an extension of it' }),
    targetAccountId: z.string(),
    profile: z.string().meta({ description: 'The profile, or custom-policy' }),
    requester: z.string(),
    createdAt: timestamp,
    expiresAt: timestamp.optional(),
    links: linksSchema,
  })
  .meta({ id: 'RequestSummary' });

export const requestPageSchema = z
  .strictObject({
    items: z.array(requestSummarySchema),
    cursor: z.string().optional().meta({ description: 'Pass it back as `cursor` for the next page' }),
  })
  .meta({ id: 'RequestPage' });

export const createdSchema = z
  .strictObject({ id: z.string(), status, links: linksSchema })
  .meta({ id: 'Created' });

export const auditTrailSchema = z
  .strictObject({
    items: z.array(
      z
        .strictObject({
          requestId: z.string(),
          at: timestamp,
          seq: z.number().int(),
          action: z.enum(AUDIT_ACTIONS),
          actor: z.string(),
          person: z.string().optional().meta({ description: 'The person behind the actor, when it is one' }),
          displayName: z
            .string()
            .optional()
            .meta({ description: "That person's display name, when the config gives one" }),
          from: status.optional(),
          to: status,
          detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        })
        .meta({ id: 'AuditEntry' }),
    ),
  })
  .meta({ id: 'AuditTrail' });

export const problemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.strictObject({ field: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export type RequestView = z.input<typeof requestViewSchema>;
export type RequestSummary = z.input<typeof requestSummarySchema>;
export type Links = z.input<typeof linksSchema>;
